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
    gauge ga rubs drops washes strokes flexes folds
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

# Standard and compliance references. Letter case is decided per token, on purpose:
# * words that are also English words or common abbreviations (REACH/reach, CE, KC, CCC, BIS,
#   NOM, HB...) count only in capitals, or in any case when a word that only a regulation takes
#   follows ("ce marking", "reach svhc");
# * acronyms that mean nothing else (RoHS, FCC, LFGB, WEEE, UKCA, OEKO-TEX, UN38.3...) count in
#   any case ("rohs compliant");
# * standards bodies (EN, ISO, IEC, ASTM...) count in capitals before their number, except ISO,
#   IEC, ASTM, DIN and ISTA, which are never anything else.
STANDARD_REF = re.compile(
    r"\b(?:EN|ISO|IEC|ASTM|ANSI|UL|BS|DIN|JIS|GB(?:/T)?|AS/NZS|NF|CSA|SAE|IEEE|AATCC|ISTA|IPC"
    r"|ICH|GOST|KS|CNS|NBR|(?i:iso|iec|astm|din|ista))\s?[A-Z]{0,2}\s?\d[\w.:/-]{0,40}"
    r"|\b(?:CE|REACH|CPSC|FDA|ETL|PSE|KC|CCC|SAA|BIS|SDS|BSCI|SEDEX|GOTS|GRS|FSC|PEFC|OCS|BCI"
    r"|CARB|EPA|NOM|INMETRO|Prop(?:osition)?\s?65|bluesign|ErP|IP[X\d]\d|IK\d\d|V-[012]|HB)\b"
    r"|(?i:\b(?:UKCA|RoHS|FCC|CPSIA|LFGB|WEEE|MSDS|TSCA|GPSR|OEKO[- ]?TEX|UN\s?38\.3)\b"
    r"|\bce[\s-]?mark(?:s|ed|ing)?\b|\breach[\s-](?:svhc|annex|regulation|complian\w+)\b)"
    r"|\b(?:16|21|40)\s?CFR\b|\b(?:EU|EC|EEC)\s?(?:No\.?\s?)?\d++/\d|\b\d{2,4}/\d++/E[CU]\b"
    r"|\b(?:Directive|Regulation)\s?\(?E[CU]\)?"
)
# Sampling and inspection standards say how a lot is judged, not what the product must meet:
# they fill the "inspection" section, never "standards".
INSPECTION_STANDARD = re.compile(
    r"\b(?:ISO\s?(?:2859|3951)|ANSI(?:/ASQ?)?\s?Z1\.[49]|MIL-STD-(?:105|1916)|GB/?T?\s?2828)"
    r"[\w.:/-]{0,12}",
    _I,
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
# Quarters in any case ("q3" is typed as often as "Q3"; the rule asks for shipment context);
# halves only in capitals ("h2" is a heading).
QUARTER = re.compile(r"(?i:\bQ[1-4])(?:\s*+/?\s*+\d{2,4})?\b|\bH[12]\s++\d{4}\b")

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
FINISH_CONTEXT = re.compile(r"\bfinish\w*\b")
ANY_CASE = {
    pattern: re.compile(pattern.pattern, _I)
    for pattern in (SHIPMENT_CONTEXT, PACKAGING_CONTEXT, RESOLUTION_CONTEXT, DIMENSION_CONTEXT,
                    COLOUR_CONTEXT, FINISH_CONTEXT)
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
    r"output|input)(?:\b|(?<=\.))\s*+(?:\([^)\n]{0,12}\)\s*+)?(?:(?:[:=]|is|of)\s*+)?"
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


# ---- what a phrase is (issue 16): rules, not lists of phrases ---------------------------------

# A grade or class given as a minimum: the token before "or better" holds a digit (IP65, 4B,
# V-0, 2H, -3%), or follows a grade word (class B, grade A), or is a measured value (800 lm).
GRADE_WORDS = frozenset(words("class grade level category cat cat. rating type index energy"))

# Designations that fix a material family: yarn and thread counts, hardness, film thickness,
# fabric and paper weight.
DESIGNATION = re.compile(
    r"(?<![\w.])(?:\d{1,3}s(?:/\d{1,2})?|\d{1,2}/\d{1,3}\s?N[em]|\d{1,5}\s?(?:D|T|F|dtex|tex)"
    r"(?:/\d{1,4}F?)?)(?![\w.])|\bN[em]\s?\d{1,3}(?:/\d{1,2})?\b|\bTex\s?\d{1,3}\b"
    r"|\bShore\s?[A-D]?\s?\d|\d\s?(?:°\s?)?Shore\b"
    r"|(?<![\w.])\d++(?:[.,]\d++)?\s?(?:µm|μm|um|mic|microns?|gsm|g/m²|g/m2|oz)(?![\w/])",
)
# A grade tied to a standard ("impact class 2B2 per EN 12600"): also fixes a material family.
GRADE_TOKEN = re.compile(r"\b(?:class|grade|type|category)\s?[\w.,+-]{0,8}\d", _I)

# A colour word that names a process, a grade of board or a test result: the colour word, at
# most one modifier, then the process or material noun ("black anodising", "white-top kraft",
# "blue zinc plated", "red rust", "GC1 white board", "blue annealed wire").
COLOUR_PROCESS_AFTER = re.compile(
    r"(?:[\s-]++(?:top|lined|back|hard|bright|zinc|kraft))?[\s-]++"
    r"(?:anodi[sz]\w*|hard[\s-]?coat\w*|oxide|oxidi[sz]\w*|rust|zinc|chromat\w*|passivat\w*"
    r"|phosphat\w*|nickel|chrome|anneal\w*|temper\w*|nitrid\w*|board|boards|kraft|card"
    r"|cardboard|chipboard|paperboard|liner)\b",
    _I,
)
# Metals and finishes named as a colour ("gold colour", "chrome look", "in silver"), as opposed
# to a plating, a metal or a part ("gold plated 0.5 µm", "silver-backed glass", "brass C36000").
_AFTER_METAL = r"[\s-]{0,2}(?:"
METAL_AS_COLOUR_AFTER = re.compile(
    _AFTER_METAL + r"look\w*|effect|tone[ds]?|finish\w*|colou?r\w*|style|shade|appearance)\b", _I)
METAL_AS_MATERIAL_AFTER = re.compile(
    _AFTER_METAL + r"(?:electro)?plat\w*|backed|wire|sheet|foil|leaf|solder|alloy|\d|sterling)", _I)
IN_BEFORE = re.compile(r"\bin\s++(?:[a-z]{3,10}\s++)?$", _I)
LABEL_BEFORE = re.compile(r"^[ \t]*+[^:\n]{1,30}:\s*+(?:[a-z]{3,10}\s++)?$", _I)

# A process step: something a named party (not the supplier) must do before a named event.
# "Artwork to be confirmed by the buyer before mass production" is a step; "to be confirmed"
# alone, or "TBC by supplier", is a blank.
_PARTY = (
    r"(?:the\s++)?(?!(?i:supplier|factory|vendor|seller|manufacturer|maker)\b)"
    r"(?:(?i:buyer|buyer['’]s\s++\w{2,20}|importer|customer|client|both\s++parties"
    r"|us|our\s++\w{2,20})|(?-i:[A-Z][\w&.-]{1,20}(?:\s[A-Z][\w&.-]{1,20}){0,2}))"
)
PROCESS_STEP = re.compile(
    r"\bto\s++be\s++[a-z]{3,20}(?:\s++(?:and|or)\s++[a-z]{3,20})?(?:\s++off)?\s++by\s++"
    + _PARTY + r"[^;\n]{0,60}?\b(?i:before|prior\s++to|ahead\s++of)\s++\w",
    _I,
)
# Text quoted to be printed verbatim. A straight double quote after a digit is an inch mark,
# an apostrophe inside a word is not a quote; a quote spans at most 300 characters.
QUOTED = re.compile(
    r"(?<![\w\d])\"[^\"\n]{1,300}\"|“[^”\n]{1,300}”|«[^»\n]{1,300}»|‘[^’\n]{1,300}’"
    r"|(?<![\w])'[^'\n]{1,300}'(?!\w)"
)

# A labelled line ("Material: plastic", "Size: 30/20/10"): the label at the start of a line.
MATERIAL_LABEL = re.compile(
    r"[ \t]*+(?:[-*•][ \t]*+)?(?:[A-Za-z]{2,12}[ \t]++){0,2}?(?i:materials?|fabrics?"
    r"|composition|made[ \t]++(?:of|from))[ \t]*+(?::|–|-(?=[ \t])|=)[ \t]*+",
)
MATERIAL_FAMILIES = frozenset(words(
    "plastic plastics metal metals steel stainless aluminium aluminum alu alloy alloys wood "
    "wooden timber rubber resin resins polymer polymers synthetic synthetics composite "
    "composites fabric fabrics textile textiles leather glass ceramic ceramics porcelain stone "
    "paper cardboard foam sponge cotton polyester wool silk linen iron"
))
MATERIAL_FILLERS = frozenset(words(
    "and or with & + / hard soft solid genuine real faux artificial high quality good premium "
    "durable blend blended mixed carbon mild metallic engineering"
))
SIZE_LABEL = re.compile(
    r"[ \t]*+(?:[-*•][ \t]*+)?(?:[A-Za-z]{2,12}[ \t]++){0,2}?(?i:sizes?|dimensions?|dims"
    r"|measurements?|overall)\b"
)
SIZE_NOT_PHYSICAL = re.compile(  # counted, named or graded sizes: not a measurement
    r"\b(?:sample|lot|batch|order|font|file|set|run|ratio|chart)\s++sizes?\b"
    r"|\b(?:pcs|pc|pieces?|units?|sets?|pairs?|cartons?|ctns?|pt|points?|EU|EUR|US|UK|CN)\b",
    _I,
)
BARE_NUMBER = re.compile(r"(?<![\w.,])\d++(?:[.,]\d++)?(?![\w])")
