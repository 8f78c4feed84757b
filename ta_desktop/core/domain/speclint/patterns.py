"""Precompiled regular expressions for how specifications are written: numbers, units,
tolerances, standard references, colour codes, grades, dates, file names.

Compiled once at import. The engine runs them on one line (or one clause of it) at a time.

Every pattern runs in time linear in the text it scans, whatever the text (a pasted 50 KB line
of "1.1.1." must not take seconds). Python's ``re`` backtracks, so the patterns are written so
that it never has much to undo:

* no two quantifiers may share characters where they meet: a whitespace run next to another
  (even with an optional token between them) is possessive (``*+``, ``++``) or bounded;
* a pattern searched along a line starts where its run starts (``NUMBER`` never starts in the
  middle of another number), so a run of digits and dots is read once, not once per digit;
* what may run on (file names, ids, codes after a keyword) has an upper bound;
* look-behinds are fixed width, and a check that looks around a word looks in a window of a few
  dozen characters, never back to the start of the clause.
"""

from __future__ import annotations

import re

_I = re.IGNORECASE


def words(text: str) -> list[str]:
    return text.split()


# A number: 20, 20,000, 1.5, 1.234,5. Never starts inside another number, and possessive: a
# failed match is not retried one digit group shorter.
NUMBER = r"(?<!\d)(?<!\d[.,])\d++(?:[.,]\d++)*+"


def literal_alternation(items: list[str]) -> str:
    """A regex matching any of ``items`` (lower case), built as a trie so the engine does not
    try a hundred alternatives one after the other at every position."""
    trie: dict[str, dict] = {}
    for item in items:
        node = trie
        for char in item:
            node = node.setdefault(char, {})
        node[""] = {}

    def build(node: dict[str, dict]) -> str:
        branches = [re.escape(char) + build(child) for char, child in node.items() if char]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        if "" in node:
            return (body if len(branches) > 1 else "(?:" + body + ")") + "?"
        return body

    return build(trie)


# Units of measure (case-insensitive). Counted things (pcs, cartons) are not units.
_UNITS = words("""
    mm cm m km µm um μm micron microns nm in inch inches " ″ ′ ft feet foot yd
    g kg mg lb lbs oz t ton tons tonne tonnes gram grams kilogram kilograms
    ml l cl ltr litre litres liter liters gal cc
    mah ah wh kwh v mv kv vac vdc a ma w kw hz khz mhz ghz Ω ohm ohms
    °c °f ℃ ℉ k n kn nm n·m pa kpa mpa bar psi db dba ppm ppb
    lm lx lux cd nits rpm s sec secs min mins h hr hrs hour hours day days week weeks
    month months year years cycles cycle times % gsm g/m² g/m2 kg/m³ kg/m3 g/cm³ g/cm3
    d denier dtex tex shore hrc hb hv mbps gbps kb mb gb tb px pixels dpi ppi mil mils awg
    gauge ga
""")
UNIT = (
    r"(?:" + literal_alternation(sorted(set(_UNITS))) + r"|fl\s?oz|dB\(A\)|IP\d\d)(?![A-Za-z])"
)
LENGTH_UNIT = r"(?:mm|cm|km|m|µm|μm|um|in|inch|inches|ft|feet|\"|″)(?![A-Za-z²³0-9])"
MASS_UNIT = r"(?:mg|kg|g|lbs|lb|oz|grams?|kilograms?|t|tons?|tonnes?)(?![A-Za-z/²³])"

MEASURE = re.compile(
    rf"(?:(?:[<>≤≥±~]|<=|>=|\+/-)\s*+)?{NUMBER}\s*+(?:(?:-|–|to)\s*+{NUMBER}\s*+)?{UNIT}", _I
)

# A tolerance or a range: ±, +/-, min/max, limits, "215-219 g", "+0/-2 mm", ISO 2768. Three
# regexes, because symbols, lower-cased words and numbers each search fastest on their own.
TOLERANCE_SIGN = re.compile(
    rf"±|\+\s*+/\s*+-|\+-|≤|≥|<=|>=|[<>]\s*+\d|\+\s*+{NUMBER}\s*+/\s*+-\s*+{NUMBER}"
)
TOLERANCE_WORD = re.compile(  # searched in the lower-cased line
    r"\b(?:tol(?:erance)?s?|tol\.|min(?:imum)?|max(?:imum)?|between|within|deviation|"
    r"(?:not|no)\s++(?:more|less|greater|lower|higher)\s++than|at\s++(?:least|most)|up\s++to|"
    r"iso\s*2768|accept(?:ed|able)?\s+range)\b"
)
TOLERANCE_WORD_ANY_CASE = re.compile(TOLERANCE_WORD.pattern, _I)
TOLERANCE_RANGE = re.compile(
    rf"{NUMBER}\s*+(?:{UNIT}\s*+)?(?:-|–|to)\s*+{NUMBER}\s*+{UNIT}", _I
)

# Standard and compliance references. Acronyms are case-sensitive on purpose: "REACH" is the
# EU regulation, "reach" is a verb.
STANDARD_REF = re.compile(
    r"\b(?:EN|ISO|IEC|ASTM|ANSI|UL|BS|DIN|JIS|GB(?:/T)?|AS/NZS|NF|CSA|SAE|IEEE|AATCC|ISTA|IPC"
    r"|ICH|GOST|KS|CNS|NBR)\s?[A-Z]{0,2}\s?\d[\w.:/-]*"
    r"|\b(?:CE|UKCA|RoHS|ROHS|REACH|FCC|CPSIA|CPSC|FDA|LFGB|WEEE|ETL|PSE|KC|CCC|SAA|BIS|MSDS"
    r"|SDS|TSCA|GPSR|BSCI|SEDEX|GOTS|GRS|FSC|PEFC|OCS|BCI|CARB|EPA|NOM|INMETRO|Prop(?:osition)?"
    r"\s?65|OEKO[- ]?TEX|Oeko[- ]?Tex|bluesign|ErP|UN\s?38\.3|IP[X\d]\d|IK\d\d|V-[012]|HB)\b"
    r"|\b(?:16|21|40)\s?CFR\b|\b(?:EU|EC|EEC)\s?(?:No\.?\s?)?\d++/\d|\b\d{2,4}/\d++/E[CU]\b"
    r"|\b(?:Directive|Regulation)\s?\(?E[CU]\)?"
)

# Colour codes: Pantone/PMS, RAL, RGB, HEX, CMYK, NCS; colour temperature and wavelength.
COLOUR_CODE = re.compile(
    r"\b(?:pantone|pms)\b[\s:]{0,3}(?:[\w-]{0,12}\d|black|white|warm|cool|process|reflex|rhodamine|"
    r"rubine|yellow|orange|green|purple|violet|blue|red)"
    r"|\bRAL\s*+(?:classic\s*+)?\d{4}|\bRGB\s*+[(:]?\s*+\d{1,3}|#[0-9A-Fa-f]{6}\b"
    r"|#[0-9A-Fa-f]{3}\b|\bhex\b\s*+:?\s*+#?[0-9A-Fa-f]{6}\b|\bCMYK\s*+[(:]?\s*+\d"
    r"|\bC\s*+\d{1,3}\s*+M\s*+\d{1,3}\s*+Y\s*+\d{1,3}\s*+K\s*+\d{1,3}|\bNCS\s*+S?\s*+\d{4}"
    r"|\b\d{4}\s*+K\b|\b\d{3}\s*+nm\b"
    r"|\b(?:colou?r|shade)\s++(?:code|no\.?|number|ref\.?)\s*+:?\s*+[\w-]{0,12}\d",
    _I,
)

# A named reference: a file, a sample or order number, a dated sample.
# A file name starts after a space or a bracket (not inside a run of "a.a.a.") and is at most
# 100 characters long.
FILE_NAME = re.compile(
    r"(?<![\w.])\w[\w.-]{0,99}\.(?:pdf|ai|eps|svg|dwg|dxf|step|stp|igs|iges|stl|3dm|psd|cdr|png"
    r"|jpe?g|tiff?|zip|docx?|xlsx?)\b",
    _I,
)
_ID = r"[A-Z0-9][\w/.-]{0,40}?\d[\w/.-]{0,40}"  # an id with a digit in it, at most 82 long
NAMED_REF = re.compile(
    FILE_NAME.pattern
    + r"|(?:\b(?:no|nr|ref|id|code|number|version|rev|po|order|sample|art|item|model|sku|"
    r"batch|lot|drawing|dwg)\.?\s{0,3}[:#]?\s{0,3}|#\s{0,3})" + _ID
    + r"|\bdated\s++\d|\b[A-Z]{1,4}-\d{1,6}\b",
    _I,
)

MONTHS = words(
    "january february march april may june july august september october november december"
)
_MONTH_RE = (
    r"(?:January|February|March|April|May|June|July|August|September|October|November|December"
    r"|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)\.?"
)
EXACT_DATE = re.compile(
    rf"\b\d{{4}}-\d{{1,2}}-\d{{1,2}}\b|\b\d{{1,2}}[./]\d{{1,2}}[./]\d{{2,4}}\b"
    rf"|\b\d{{1,2}}(?:st|nd|rd|th)?\s++(?:of\s++)?{_MONTH_RE},?\s++\d{{4}}\b"
    rf"|\b{_MONTH_RE}\s++\d{{1,2}}(?:st|nd|rd|th)?,?\s++\d{{4}}\b"
    rf"|\b\d{{1,2}}(?:st|nd|rd|th)?\s++(?:of\s++)?{_MONTH_RE}(?![\w])"
    rf"|\b{_MONTH_RE}\s++\d{{1,2}}(?:st|nd|rd|th)?\b(?![\d:])",
    _I,
)
RELATIVE_DATE = re.compile(
    r"\b(?:within|in|after)\s++\d++\s*+(?:calendar\s++|working\s++|business\s++)?"
    r"(?:days?|weeks?)\b"
    r"|\b\d++\s*+(?:-\s*+\d++\s*+)?(?:calendar\s++|working\s++|business\s++)?days?\s++"
    r"(?:after|from|of)\b",
    _I,
)
# Searched in a window of a few characters before a month, or matched right after it.
DAY_BEFORE = re.compile(r"\b\d{1,2}(?:st|nd|rd|th)?\s++(?:of\s++)?$", _I)
DAY_AFTER = re.compile(r"\.?\s{0,3}\d{1,2}(?:st|nd|rd|th)?\b(?![\d:])", _I)
VAGUE_DATE_PREFIX = re.compile(
    r"(?:\b(?:end|beginning|start|middle)\s++of\s++(?:the\s++)?|\b(?:early|mid|late)[\s-]++)$",
    _I,
)
YEAR_AFTER = re.compile(r",?\s{0,3}\d{4}\b")
# "Q3", "Q3 2026", "H2 2026"; the worded forms ("first quarter") are in the lexicon.
QUARTER = re.compile(r"\bQ[1-4](?:\s*/?\s*\d{2,4})?\b|\bH[12]\s+\d{4}\b")

DIGIT = re.compile(r"\d")

# Context words, searched in the lower-cased clause (twice as fast as a case-insensitive search);
# ANY_CASE holds the case-insensitive twin for a line whose length changes when lower-cased.
SHIPMENT_CONTEXT = re.compile(
    r"\b(?:ship\w*|dispatch\w*|deliver\w*|etd|eta|lead[- ]?time|ready|load(?:ing)?|arriv\w*"
    r"|deadline|due|needed\s+by|in\s+stores?)\b"
)
PACKAGING_CONTEXT = re.compile(
    r"\b(?:pack\w*|cartons?|ctns?|box(?:es)?|pallets?|polybags?|bags?|blisters?|crates?"
    r"|master|inner|outer|g\.?w\.?|gross|shipping\s+marks?|container|cbm)\b"
)
RESOLUTION_CONTEXT = re.compile(r"\b(?:resolution|pixels?|px|display|screen|dpi|ppi)\b")
DIMENSION_CONTEXT = re.compile(
    r"\b(?:size|dimensions?|dims?|measure\w*|l\s*x\s*w|w\s*x\s*h|length|width|height|depth|"
    r"format|footprint|overall)\b"
)
COLOUR_CONTEXT = re.compile(r"\b(?:colou?r\w*|shades?|tones?|hues?|dyed)\b")
ANY_CASE = {
    pattern: re.compile(pattern.pattern, _I)
    for pattern in (SHIPMENT_CONTEXT, PACKAGING_CONTEXT, RESOLUTION_CONTEXT, DIMENSION_CONTEXT,
                    COLOUR_CONTEXT)
}
NEGATION_BEFORE = re.compile(r"\b(?:no|non|not|without|free\s++(?:of|from))[\s-]*+$", _I)
FREE_AFTER = re.compile(r"-?\s{0,3}free\b", _I)

# Dimension groups: 10 x 5 x 2 cm, 10*5*2cm, 10 cm x 5 cm, 30 x 20 (a unit may follow any
# number). Numbers glued to letters ("M8", "40HQ") are not dimensions.
DIMENSIONS_HINT = re.compile(r"\d\s*+[x×X*]\s*+\d")
DIMENSIONS = re.compile(
    rf"(?<![\w.,])({NUMBER})\s*+({LENGTH_UNIT})?\s*+[x×X*]\s*+({NUMBER})\s*+({LENGTH_UNIT})?"
    rf"(?:\s*+[x×X*]\s*+({NUMBER})\s*+({LENGTH_UNIT})?)?(?![\w.])(?!\s*+[x×X*]\s*+\d)"
)
TRAILING_UNIT = re.compile(rf"\s*+(?:{UNIT}|px|pixels)", _I)

# A property name followed by its number: "Thickness: 2", "weight 217 g", "capacity 20,000".
PROPERTY = re.compile(
    r"\b(?P<name>length|width|height|depth|thickness|diameter|dia\.?|wall|"
    r"(?:net\s+|gross\s+)?weight|N\.?W\.?|G\.?W\.?|weighs|weighing|capacity|voltage|current|"
    r"power|wattage|temperature|density|volume|pressure|frequency|brightness|luminous\s+flux|"
    r"output|input)\b\s*+(?:\([^)\n]{0,12}\)\s*+)?(?:(?:[:=]|is|of)\s*+)?"
    rf"(?:(?:approx\.?|about|around|ca\.|~)\s*+)?(?P<number>{NUMBER})(?![\d])",
    _I,
)
AFTER_NUMBER_RANGE = re.compile(
    rf"\s*+(?:(?:±|\+/-|\+-|-|–|to)\s*+{NUMBER}\s*+)*+", _I
)
BARE_END = re.compile(r"\s*+(?:[,;)]|$|\.(?:\s|$))|\s++(?:and|or|with|for|per)\b", _I)
PROPERTY_HINT = re.compile(
    r"\b(?:"
    + literal_alternation(sorted(words(
        "length width height depth thickness diameter dia wall weight n.w g.w nw gw weighs "
        "weighing capacity voltage current power wattage temperature density volume pressure "
        "frequency brightness luminous output input"
    )))
    + ")"
)  # searched in the lower-cased line
DIMENSION_NAMES = frozenset(words("length width height depth thickness diameter dia dia. wall"))

TILDE_APPROX = re.compile(rf"~\s*+{NUMBER}")
PLACEHOLDER_HINT = re.compile(r"[<\[{]|___|XX")
PLACEHOLDER = re.compile(
    r"<[^<>\n]{1,60}>|\{[^{}\n]{1,40}\}|_{3,}+|\[\s*+(?:(?:TBD|TBC|\?++|\.\.\.)\s*+)?\]"
    r"|\bXX++\b"
)
INSPECTION_NAMED = re.compile(
    r"\bAQL\b|\bISO\s*2859|\bgolden\s+sample|\bSGS\b|\bIntertek\b|\bBureau\s+Veritas\b|\bTÜV"
    r"|\bTUV\b|\bQIMA\b|\bV-Trust\b|\bthird[- ]party\b|\bpre-shipment\b",
    _I,
)
GENERAL_TOLERANCE = re.compile(r"\bISO\s*+2768|\bgeneral\s++tolerances?\b", _I)
# "Tolerances ... unless stated": searched line by line (see ``general_tolerance``).
TOLERANCE_NOUN = re.compile(r"\btolerances?\b", _I)
UNLESS = re.compile(r"\bunless\b", _I)

# Which line mentions which section of a good specification.
SECTIONS: dict[str, re.Pattern[str]] = {
    "quantity": re.compile(
        rf"\b(?:qty|quantity|quantities|moq)\b[^\n\d]{{0,24}}\d|\b{NUMBER}\s*+(?:pcs|pc|pieces?"
        r"|units?|sets?|pairs?|dozens?|rolls?|bottles|jars|tubes|meters\s++of)\b",
        _I,
    ),
    "packaging": re.compile(
        r"\b(?:packing|packaging|packed|carton|cartons|ctns?|polybags?|poly\s+bags?|blister"
        r"|gift\s?box|colou?r\s+box|inner\s+box|master\s+carton|pallets?|shrink|outer\s+box)\b",
        _I,
    ),
    "labelling": re.compile(
        r"\b(?:labels?|labell?ing|labell?ed|marking|markings|shipping\s+marks|barcodes?"
        r"|bar\s+codes?|EAN|UPC|GTIN|hang\s?tags?|logo|imprint|silk[- ]?screen\w*|pad[- ]print\w*"
        r"|made\s+in)\b",
        _I,
    ),
    "standards": STANDARD_REF,
    "inspection": re.compile(
        r"\b(?:AQL|inspection|inspected|inspect|pre-shipment|PSI|golden\s+sample|approved\s+sample"
        r"|sealed\s+sample|QC|quality\s+control|third[- ]party\s+test\w*|lab\s+test\w*|SGS"
        r"|Intertek|Bureau\s+Veritas|TÜV|TUV|QIMA|V-Trust)\b",
        _I,
    ),
    "design_files": re.compile(
        FILE_NAME.pattern + r"|\b(?:drawing|artwork|tech\s?pack|CAD)\b[^\n]{0,30}"
        r"(?:no\.?|#|rev\.?)\s{0,3}[\w-]{0,20}\d",
        _I,
    ),
}
DATE_LIKE = re.compile(
    EXACT_DATE.pattern + "|" + RELATIVE_DATE.pattern + "|" + _MONTH_RE + r"|\bASAP\b"
    r"|\bQ[1-4]\b|\b(?:spring|summer|autumn|fall|winter)\b",
    _I,
)

# Sentence and clause boundaries inside a line; abbreviations do not end a sentence.
# (Every branch starts with a character class, so the engine can skip ahead quickly.)
CLAUSE_BREAK = re.compile(r"[;•\t]|\s\|\s|[.!?]\s++(?=[A-Z(\"'])")
ABBREVIATIONS = frozenset(words(
    "no nr ref approx ca art fig vol e.g i.e vs max min incl pcs pc qty dia temp tel co ltd inc "
    "mr ms dr st"
))
GAP = r"[ \t\-'’]{1,3}"  # what may separate the words of a phrase
WORD_GAP = re.compile(r"[\s\-'’]+")


def phrase_alternation(phrases: list[tuple[str, ...]]) -> str:
    """A regex for whole phrases (lower case), as a character trie: words must end at a word
    boundary, and any GAP may stand between them. Longer phrases are tried first."""
    trie: dict[str, dict] = {}
    for phrase in phrases:
        node = trie
        for char in " ".join(phrase):
            node = node.setdefault(char, {})
        node[""] = {}

    def build(node: dict[str, dict]) -> str:
        branches = [
            (GAP if char == " " else re.escape(char)) + build(child)
            for char, child in node.items() if char
        ]
        if "" in node:
            branches.append(r"\b")
        return branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"

    return build(trie)
