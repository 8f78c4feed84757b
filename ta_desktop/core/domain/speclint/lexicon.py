"""The words and phrases the linter knows, grouped in families, with the check that decides
whether an occurrence is vague and the suggestion a buyer sees.

Each phrase maps to an :class:`Entry`. ``rule=None`` marks a *safe* phrase: its words are part
of a precise term ("normal inspection", "acceptable quality limit") and are not looked at again.
A check name refers to a function in ``engine.py``; see ``CHECKS`` there.
"""

from __future__ import annotations

from dataclasses import dataclass

from ta_desktop.core.domain.speclint.patterns import WORD_GAP, words


@dataclass(frozen=True, slots=True)
class Entry:
    rule: str | None
    check: str = "always"
    suggestion: str = ""
    replacement: str | None = None  # a mechanical fix: "" deletes the phrase
    spelling: str | None = None  # exact spelling required ("May", not "may")


def _phrases(block: str) -> list[str]:
    """Phrases separated by '|' or by line breaks."""
    out: list[str] = []
    for raw in block.replace("\n", "|").split("|"):
        phrase = raw.strip()
        if phrase:
            out.append(phrase)
    return out


LEXICON: dict[tuple[str, ...], Entry] = {}


def _add(rule: str | None, check: str, suggestion: str, block: str, **kw: object) -> None:
    for phrase in _phrases(block):
        words = tuple(WORD_GAP.split(phrase.lower().strip()))
        LEXICON.setdefault(words, Entry(rule, check, suggestion, **kw))  # type: ignore[arg-type]


_QUALITY = (
    "Define quality by inspection: 'AQL 2.5 major / 4.0 minor per ISO 2859-1, judged against "
    "golden sample GS-01'."
)

# Safe phrases first: setdefault keeps the first entry for a phrase.
_add(None, "always", "", """
    normal inspection | tightened inspection | reduced inspection | general inspection level
    acceptable quality limit | acceptance quality limit | acceptable quality level
    standard deviation | standard 100 | gold standard | white label | white labelling
    at least | at most | up to | no more than | not more than | high voltage | low voltage
    clear coat | black oxide | fine pitch | good manufacturing practice
    good manufacturing practices
    first article | first article inspection | soft close | soft closing | hard disk | hard drive
    high speed steel | first aid | light guide | light bulb | light bulbs | light source
    red dot | blue tooth | standard time | small parts | small parts test | sharp edge test
    sharp point test | general tolerance | general tolerances | standard atmosphere
    high density polyethylene | low density polyethylene | top lid | top panel | top cover
    top sheet | top layer | top coat | top rail | light weight class | no later than
    not later than | sample size | sample sizes | natural rubber | natural latex | wood grain
    wood look | glass fibre | glass fiber | standard 100 by oeko tex | golden sample
    silk screen | silk screened | silk screening | silk print | silk printing | ce red
    white card | white cardboard | white board | grey board | gray board | white paper
    red directive | white box | white boxes | brown box | brown boxes | white carton
    brown carton | brown cartons
    golden samples
""")

_add("SUBJECTIVE", "always", _QUALITY, """
    good quality | high quality | top quality | best quality | premium quality | excellent quality
    superior quality | fine quality | nice quality | great quality | first class quality
    export quality | commercial quality | standard quality | normal quality | AAA quality
    A grade quality | quality product | quality products | quality materials | quality material
    high end | top grade | high grade | first class | first rate | top notch | premium grade
    merchantable quality | fit for purpose | good condition | perfect condition
    strict quality control | strictly controlled
""")
_add("SUBJECTIVE", "always", (
    "Replace it with something an inspector can check: a measurement with a tolerance, a test, or "
    "a defect limit (e.g. 'no scratch longer than 1 mm visible at 50 cm in daylight')."
), """
    good | very good | nice | beautiful | pretty | attractive | elegant | stylish | fashionable
    trendy | modern | luxurious | luxury | premium | excellent | great | outstanding | exceptional
    perfect | perfectly | flawless | flawlessly | decent | proper | properly | appropriate
    appropriately | adequate | adequately | sufficient | sufficiently | suitable | acceptable
    reasonable | reasonably | satisfactory | neat | neatly | nicely | lovely | cute | gorgeous
    fancy | professional | professionally | well made | well finished | well packed | well packaged
    well sewn | well stitched | carefully | careful | securely | secure | firmly | tightly
    thoroughly | good looking | high class | classy | superb | impeccable
""")
_add("SUPERLATIVE", "unless_measured", (
    "A comparison needs a number: state the value it must reach, e.g. 'tensile strength "
    "≥ 300 N' or 'brightness ≥ 800 lm'."
), """
    best | finest | highest | strongest | toughest | softest | brightest | lightest | thickest
    better | stronger | tougher | softer | brighter | thicker | superior | world class
    state of the art | industry leading | unbeatable | unmatched | ultimate | maximum quality
    as good as | no worse than | the most | better than | higher than | stronger than
    thicker than | lighter than | brighter than | improved | upgraded | enhanced
""")
_add("UNMEASURED", "unless_measured", (
    "Give the value with a tolerance, e.g. 'wall thickness 2.0 mm ± 0.1 mm'."
), """
    thick | thin | heavy duty | heavyweight | heavy | long lasting | hard wearing | compact
    stiff | flexible | stretchy | elastic | loud | quiet | silent | fast | quick | slow
    large capacity | big capacity | high capacity | high power | powerful | bright | dim
    smooth | smoothly | soft | comfortable | sturdy | robust | solidly | strong | durable
    reliable | long life | long service life | stable | accurate | precise | tight fit
    thick walled | fast charging | quick drying | fast drying | breathable | absorbent
    high density | low density | lightweight | light weight | ultra thin | ultra light
    high brightness | high strength | low noise | high resolution | high efficiency | long range
    low weight | high temperature resistant | heat resistant | cold resistant | big | bigger
    huge | tiny | long battery life | long standby | battery life long
""")
_add("UNMEASURED", "unless_measured", (
    "Name a test and a threshold, e.g. 'withstands 10,000 open/close cycles per EN 1728' or "
    "'no colour change after 40 washes at 40 °C (ISO 6330)'."
), """
    long lasting | durability | hard wearing | wear resistant
""")
_add("UNMEASURED", "unless_measured", (
    "Name the test that proves it, e.g. 'passes ISTA 1A drop test (10 drops from 76 cm) with "
    "no damage to the product'."
), """
    protect the goods | protect the products | protect the product | protect the items
    safe transport | safe for transport | suitable for sea freight | seaworthy
""")
_add("SUBJECTIVE", "unless_measured", (
    "Say how defects are judged: 'no defect visible at 50 cm under 1,000 lux within 5 s; "
    "AQL 2.5 major / 4.0 minor per ISO 2859-1'."
), """
    no visible defects | no visible defect | no defects | no defect | defect free | without defects
    visible defects | obvious defects | no obvious defects
""")
_add("LOOPHOLE", "unless_inspection_named", (
    "Name the inspection: who inspects, the AQL per defect class and the reference sample, e.g. "
    "'third-party pre-shipment inspection, AQL 2.5 major / 4.0 minor per ISO 2859-1, against "
    "golden sample GS-01'."
), """
    pass inspection | pass the inspection | pass qc | pass quality control | pass our inspection
    pass our qc | must be inspected | will be inspected | quality checked | quality control
""")
_add("CLAIM", "unless_standard", (
    "Name the standard or test that proves it and who supplies the report, e.g. 'IPX7 per "
    "IEC 60529' or 'EN 71-3 test report from an accredited lab'."
), """
    waterproof | water proof | water resistant | splash proof | dustproof | dust proof
    shockproof | shock proof | fireproof | fire proof | flame retardant | fire retardant
    non toxic | eco friendly | environmentally friendly | environment friendly | food grade
    food safe | skin friendly | hypoallergenic | anti bacterial | antibacterial | antimicrobial
    uv resistant | uv proof | scratch resistant | scratch proof | rustproof | rust proof
    anti rust | corrosion resistant | fade resistant | colourfast | colorfast | colour fast
    color fast | washable | machine washable | child safe | certified | compliant | safe
    bpa free | lead free | phthalate free | biodegradable | recyclable | compostable
    organic | natural | chemical free | odourless | odorless | tested | non slip | anti slip
    slip resistant | no smell | no odour | no odor | low odour | low odor | anti static
""")
_add("LOOPHOLE", "always", "Delete it: a requirement is met or not, there is no 'if'.", """
    if possible | where possible | when possible | wherever possible | as far as possible
    as much as possible | if available | if needed | if necessary | where necessary
    preferably | ideally | try to | will try to
""", replacement="")
_MUST = "Write 'must': 'should' is a wish, not a requirement."
_add("LOOPHOLE", "always", _MUST, "should", replacement="must")
_add("LOOPHOLE", "always", _MUST, "should be | ought to be", replacement="must be")
_add("LOOPHOLE", "always", "Delete it and state the requirement itself.", """
    try our best | best effort | best efforts | reasonable efforts | endeavour | endeavor
""")
_add("LOOPHOLE", "always", (
    "Say what is acceptable in numbers, e.g. 'colour difference ΔE ≤ 1.5 against golden sample "
    "GS-01' or 'no defect visible at 50 cm'."
), """
    minor defects acceptable | minor defects allowed | small defects acceptable | small defects
    slight defects | slight difference | slight differences | slight variation | slight variations
    small difference | small differences | may vary | can vary | subject to change | some tolerance
    normal tolerance | reasonable tolerance | within reason | more or less the same
""")
_add("LOOPHOLE", "always", (
    "Decide it now and write it down; an open point is settled by the supplier."
), """
    to be confirmed | tbc | tbd | to be determined | to be discussed | to be advised | tba
    to be agreed | later | at supplier's discretion | at the supplier's discretion
    supplier's choice
    factory's choice | up to you | your choice | supplier decides | factory decides | as normal
    normally | usually | generally | typically | normal
""")
_add("LOOPHOLE", "unless_standard_near", (
    "Name the standard, e.g. 'EN 71-3', 'ISO 2768-m', 'ASTM F963', or describe the packing: "
    "'5-ply export carton, 24 pcs per carton, max 20 kg'."
), """
    standard | standards | industry standard | industry standards | factory standard
    supplier standard | supplier's standard | your standard | normal standard | export standard
    international standard | international standards | standard packing | standard packaging
    standard package | standard size | standard colour | standard color | standard specification
    as standard | to standard | up to standard | european standard | european standards
    us standard | us standards | eu standard | eu standards | relevant standards
    applicable standards | local standards | national standard | national standards
    export packing | export packaging | seaworthy packing | normal packing | normal packaging
    usual packing | neutral packing | standard export packing | standard export carton
""")
_add("OPEN-ENDED", "always", "List every item; delete the open end.", """
    etc | and so on | and more | and others | or similar | or equivalent | or equal
    or other | or so on | and the like | among others | and similar
""", replacement="")
_add("OPEN-ENDED", "minimum", (
    "Tie the minimum to a grade and the standard that measures it, e.g. 'IP65 or better per "
    "IEC 60529' or 'grade 4 or better per ISO 105-B02'; else list what is accepted."
), """
    or better | or higher | or above | or greater
""", replacement="")
_add("OPEN-ENDED", "always", (
    "List exactly which ones and how many of each, e.g. '200 pcs Pantone 186 C, 300 pcs "
    "Pantone 286 C'."
), """
    various | assorted | mixed | random | any colour | any color | mixed colours
    mixed colors | random colours | random colors | assorted colours | assorted colors
    different colours | different colors | any size | all sizes | mix | mixed sizes
""")
_add("UNNAMED-REF", "unless_named_ref", (
    "Name it: a file (design_draft_a.pdf), a sample with an id and date (golden sample GS-01, "
    "sealed 3 May 2026), or an order number."
), """
    same as before | same as last time | same as last order | same as last batch
    same as previous | same as the previous | same as previous order | same as our previous order
    as before | as last time | like before | like last time | as usual | usual | the usual
    like the last time | as the last time | same as the last time | the last time
    our logo | your logo | the logo | customer logo | customer's logo | my logo
    as per previous order | as previous order | previous order | last order | last batch
    same as sample | same as the sample | as per sample | as per the sample | according to sample
    according to the sample | like the sample | as the sample | per sample | per the sample
    same as photo | same as the photo | as per photo | as per the photo | like the photo
    as the photo | as shown | as shown in the photo | as shown in the picture | as per picture
    as per the picture | like the picture | same as picture | same as the picture | see photo
    see picture | reference picture | reference photo | as per image | like the image
    similar to | similar as | same as | the same as | like ours | as per your website
    your website | your catalogue | your catalog | your listing | your photos | your sample
    your samples | our sample | our samples | similar | similar quality | same quality
    our colours | our colors | our colour | our color | brand colours | brand colors
    brand colour | brand color | corporate colours | corporate colors
""")
_add("UNNAMED-REF", "unless_named_ref", (
    "Write what was agreed into the specification itself; only the platform's own chat counts "
    "as evidence by default (EV-CHAT)."
), """
    as discussed | as agreed | as agreed before | as we discussed | as we agreed | as per our chat
    as per our conversation | as per our discussion | as per our email | as per email
    as mentioned | as mentioned before | as previously agreed | as per our agreement
    previous discussion | our discussion | our conversation | on wechat | via wechat
    on whatsapp | via whatsapp | agreed by email | confirmed by email | agreed by phone
""")
_add("QTY-VAGUE", "always", "Give the exact count, e.g. '500 pcs per SKU, 2,000 pcs in total'.", """
    some | several | a few | few | many | lots of | a lot of | plenty | plenty of | numerous
    a number of | multiple | a couple of | large quantity | small quantity | big quantity
    large quantities | small quantities | as many as possible | enough | a bunch of
    a dozen or so
""")
_add("APPROX", "number_after", (
    "Give the value with a tolerance instead, e.g. '20 cm ± 0.5 cm' or 'accepted 215-219 g'."
), """
    about | around | approx | approximately | roughly | circa | ca | nearly | almost
    in the region of | close to | somewhere around | more or less
""")
_add("APPROX", "number_before", (
    "Give the value with a tolerance instead, e.g. '20 cm ± 0.5 cm' or 'accepted 215-219 g'."
), "or so | or thereabouts | give or take")

_DATE_SUGGESTION = "Give an exact date: 'shipment on or before 5 July 2026'."
_add("DATE-VAGUE", "always", _DATE_SUGGESTION, """
    before christmas | after christmas | christmas | chinese new year | lunar new year | cny
    asap | as soon as possible | as early as possible | at the earliest
    at your earliest convenience
    soonest | as quickly as possible | when ready | once ready | when available | when possible
""")
_add("DATE-VAGUE", "shipment", _DATE_SUGGESTION, """
    soon | promptly | quickly | immediately | shortly | next week | next month | next year
    this week | this month | end of the month | end of month | end of the year | end of year
    early next month | early next year | new year | holiday season | after the holidays
    first quarter | second quarter | third quarter | fourth quarter | last quarter
    1st quarter | 2nd quarter | 3rd quarter | 4th quarter | first half | second half
    before the holidays | peak season
""")
_add("DATE-VAGUE", "season", _DATE_SUGGESTION, "spring | summer | autumn | fall | winter")
for _month in words(
    "january february march april june july august september october november december"
):
    _add("DATE-VAGUE", "month", _DATE_SUGGESTION, _month)
for _abbr in words("May Jan Feb Mar Apr Jun Jul Aug Sep Sept Oct Nov Dec"):
    _add("DATE-VAGUE", "month", _DATE_SUGGESTION, _abbr, spelling=_abbr)

# Materials named without grade or composition. The check names a grade pattern in engine.py.
_MATERIALS = {
    "stainless": (
        "stainless steel | stainless | inox | stainless steel material",
        "Give the grade: 'stainless steel 304 (SUS304, 18/8)' or '316L'; say a third-party "
        "material test will be done.",
    ),
    "steel": (
        "steel | carbon steel | mild steel | galvanized steel | galvanised steel | "
        "cold rolled steel",
        "Give the grade and thickness: 'Q235 carbon steel, 1.5 mm ± 0.1 mm, zinc plated 8 µm'.",
    ),
    "aluminium": (
        "aluminium | aluminum | alu | aluminium alloy | aluminum alloy",
        "Give the alloy and temper: 'aluminium 6061-T6' or 'die-cast ADC12'.",
    ),
    "plastic": (
        "plastic | plastics | plastic material | hard plastic | soft plastic | engineering plastic",
        "Name the resin: 'ABS', 'PP', 'PC', 'PE', 'PET', 'PVC', 'TPU'... (e.g. 'ABS, UL 94 HB'); "
        "'other mixtures unacceptable'.",
    ),
    "textile": (
        "cotton | polyester | wool | silk | linen | viscose | rayon | spandex | elastane | "
        "cotton blend | poly cotton | polycotton | microfiber | microfibre",
        "Give the composition in percent: '100% combed cotton' or '95% cotton, 5% elastane', "
        "and the fabric weight in g/m².",
    ),
    "wood": (
        "wood | wooden | solid wood | hardwood | softwood | timber | engineered wood",
        "Name the species or board and its emission class: 'solid oak' or 'MDF E1, 18 mm'.",
    ),
    "leather": (
        "leather | genuine leather | real leather | faux leather | artificial leather",
        "Say which leather: 'full-grain cowhide, 1.2-1.4 mm' or 'PU leather, 0.9 mm'.",
    ),
    "metal": (
        "metal | metallic | alloy | metal alloy",
        "Name the metal and grade: 'zinc alloy Zamak 3', 'brass C36000', 'stainless steel 304'.",
    ),
    "foam": (
        "foam | sponge | memory foam",
        "Give the foam type and density: 'polyurethane foam, 40 kg/m³ ± 2 kg/m³'.",
    ),
    "glass": (
        "glass",
        "Name the glass and thickness: 'tempered soda-lime glass, 4 mm' or 'borosilicate 3.3'.",
    ),
    "rubber": (
        "rubber | rubber material",
        "Name the elastomer and hardness: 'EPDM, 60 ± 5 Shore A'.",
    ),
}
for _family, (_block, _suggestion) in _MATERIALS.items():
    _add("MATERIAL-GRADE", f"grade:{_family}", _suggestion, _block)

# Colours named without a code, with shades. Ambiguous words ("cream", "gold") only count
# where the clause is about colour.
_COLOUR_EXAMPLES = {
    "red": "Pantone 186 C", "blue": "Pantone 286 C", "navy": "Pantone 289 C",
    "green": "Pantone 355 C", "yellow": "Pantone 116 C", "black": "Pantone Black 6 C",
    "white": "RAL 9016", "grey": "Pantone Cool Gray 7 C", "gray": "Pantone Cool Gray 7 C",
    "pink": "Pantone 211 C", "orange": "Pantone 151 C", "purple": "Pantone 2685 C",
    "brown": "Pantone 4625 C", "beige": "Pantone 7527 C",
}
COLOURS = words(
    "red blue green yellow black white grey gray pink purple orange brown beige navy maroon "
    "burgundy teal turquoise cyan magenta violet khaki charcoal fuchsia indigo crimson scarlet "
    "aqua reddish bluish greenish yellowish greyish grayish whitish pinkish brownish blackish "
    "multicolour multicolor multicoloured multicolored colourful colorful"
)
AMBIGUOUS_COLOURS = words(
    "cream rose olive mint peach coral lavender tan gold golden silver lime lemon chocolate "
    "coffee wine sand stone sky ivory champagne bronze copper amber jade ruby pearl natural "
    "nude camel mustard salmon apricot"
)
SHADES = words(
    "light dark bright pale deep pastel neon dusty warm cool medium off sky royal baby hot "
    "rose matte glossy metallic"
)


def _colour_suggestion(word: str) -> str:
    example = _COLOUR_EXAMPLES.get(word, "Pantone 186 C")
    return (
        f"Give a colour code, e.g. '{example}' (or RAL, RGB, HEX, CMYK), and a tolerance such as "
        "'ΔE ≤ 1.5 against the approved colour swatch'."
    )


# Metals and finishes: a colour when used as one ("gold colour", "chrome look", "in silver"),
# not when they name a plating or a metal ("gold plated 0.5 µm", "brass C36000").
METAL_COLOURS = words("gold golden silver chrome bronze copper brass gunmetal champagne pewter")
for _metal in METAL_COLOURS:
    _add("COLOUR-CODE", "metal_colour", _colour_suggestion(_metal), f"{_metal} | {_metal}-tone")
_add("COLOUR-CODE", "metal_colour", _colour_suggestion("gunmetal"), "gun metal")

for _colour in COLOURS + AMBIGUOUS_COLOURS:
    _check = "colour" if _colour in COLOURS else "colour_ambiguous"
    _suggestion = _colour_suggestion(_colour)
    for _shade in SHADES:
        _add("COLOUR-CODE", "colour", _suggestion, f"{_shade} {_colour}")
    _add("COLOUR-CODE", _check, _suggestion, _colour)
    _add("COLOUR-CODE", "colour", _suggestion, f"{_colour} colour | {_colour} color")
