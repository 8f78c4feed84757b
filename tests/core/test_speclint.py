"""The spec linter flags what an inspector could not verify, and stays quiet on clear specs."""

import pytest

from ta_desktop.core.domain.spec_templates import template, templates
from ta_desktop.core.domain.speclint import (
    SECTION_NAMES,
    Severity,
    apply_fix,
    lint,
    lint_line,
)

# (phrase, expected rule, the text the finding must cover)
VAGUE = [
    ("Good quality cotton bags, 100% cotton", "SUBJECTIVE", "Good quality"),
    ("Finish: high-quality chrome plating", "SUBJECTIVE", "high-quality"),
    ("Premium leather look, PU leather 1.0 mm", "SUBJECTIVE", "Premium"),
    ("The stitching must be nice and even", "SUBJECTIVE", "nice"),
    ("Print must look beautiful", "SUBJECTIVE", "beautiful"),
    ("Export quality mugs", "SUBJECTIVE", "Export quality"),
    ("Surface must be perfect", "SUBJECTIVE", "perfect"),
    ("Packed properly for sea freight in 5-ply cartons", "SUBJECTIVE", "properly"),
    ("Best quality LED chips", "SUBJECTIVE", "Best quality"),
    ("Durable zipper", "UNMEASURED", "Durable"),
    ("Sturdy frame for the camping chair", "UNMEASURED", "Sturdy"),
    ("Thick walls for the planter", "UNMEASURED", "Thick"),
    ("Soft handfeel fabric", "UNMEASURED", "Soft"),
    ("Lightweight aluminium 6061 frame", "UNMEASURED", "Lightweight"),
    ("High-density foam seat", "UNMEASURED", "High-density"),
    ("Strong magnets in the lid", "UNMEASURED", "Strong"),
    ("Better than the previous supplier's hinges", "SUPERLATIVE", "Better than"),
    ("Stronger than standard brackets", "SUPERLATIVE", "Stronger than"),
    ("State of the art battery cells", "SUPERLATIVE", "State of the art"),
    ("Waterproof speaker housing", "CLAIM", "Waterproof"),
    ("Non-toxic paint on all parts", "CLAIM", "Non-toxic"),
    ("Eco-friendly packaging materials", "CLAIM", "Eco-friendly"),
    ("Food grade silicone lid", "CLAIM", "Food grade"),
    ("Colour: red", "COLOUR-CODE", "red"),
    ("Body in light blue, cap in white", "COLOUR-CODE", "light blue"),
    ("Available in navy and charcoal", "COLOUR-CODE", "navy"),
    ("Colour: cream", "COLOUR-CODE", "cream"),
    ("Off-white canvas tote", "COLOUR-CODE", "Off-white"),
    ("Dark green lacquer finish", "COLOUR-CODE", "Dark green"),
    ("Box size 30 x 20 x 10", "DIM-UNIT", "30 x 20 x 10"),
    ("Dimensions 120*60*75", "DIM-UNIT", "120*60*75"),
    ("Thickness: 2", "DIM-UNIT", "Thickness: 2"),
    ("Table height 75, oak top", "DIM-UNIT", "height 75"),
    ("Product dimensions: 10 x 5 x 2 cm", "DIM-TOL", "10 x 5 x 2 cm"),
    ("Length: 25 cm", "DIM-TOL", "25 cm"),
    ("Weight: 250", "WEIGHT-UNIT", "Weight: 250"),
    ("Net weight 1.2 kg", "WEIGHT-RANGE", "1.2 kg"),
    ("Capacity: 20000", "UNIT-MISSING", "Capacity: 20000"),
    ("Output voltage 5", "UNIT-MISSING", "voltage 5"),
    ("Size about 20 cm", "APPROX", "about 20 cm"),
    ("Approximately 500 g per jar", "APPROX", "Approximately 500 g"),
    ("Cable length ~1.5 m", "APPROX", "~1.5"),
    ("Handle 12 cm or so", "APPROX", "12 cm or so"),
    ("Material: stainless steel", "MATERIAL-GRADE", "stainless steel"),
    ("Housing: plastic", "MATERIAL-GRADE", "plastic"),
    ("Cotton t-shirt, crew neck", "MATERIAL-GRADE", "Cotton"),
    ("Solid wood legs", "MATERIAL-GRADE", "Solid wood"),
    ("Genuine leather strap", "MATERIAL-GRADE", "Genuine leather"),
    ("Aluminium housing, anodised", "MATERIAL-GRADE", "Aluminium"),
    ("Metal buckle", "MATERIAL-GRADE", "Metal"),
    ("Shipment: July", "DATE-VAGUE", "July"),
    ("Ship by end of August 2026", "DATE-VAGUE", "end of August 2026"),
    ("Delivery in Q3", "DATE-VAGUE", "Q3"),
    ("Ship in the first quarter of 2027", "DATE-VAGUE", "first quarter"),
    ("Shipment: end of next month", "DATE-VAGUE", "end of next month"),
    ("Please ship ASAP", "DATE-VAGUE", "ASAP"),
    ("Delivery as soon as possible", "DATE-VAGUE", "as soon as possible"),
    ("Goods ready for shipment in spring 2026", "DATE-VAGUE", "spring 2026"),
    ("Ship before Chinese New Year", "DATE-VAGUE", "Chinese New Year"),
    ("Delivery early next month", "DATE-VAGUE", "early next month"),
    ("Some spare parts in each carton", "QTY-VAGUE", "Some"),
    ("Several colours per carton", "QTY-VAGUE", "Several"),
    ("A few extra labels", "QTY-VAGUE", "A few"),
    ("Same as last order", "UNNAMED-REF", "Same as last order"),
    ("Colour as per sample", "UNNAMED-REF", "as per sample"),
    ("Logo as discussed", "UNNAMED-REF", "as discussed"),
    ("Similar to the picture we sent", "UNNAMED-REF", "Similar to"),
    ("Packing as usual", "UNNAMED-REF", "as usual"),
    ("Standard packing", "LOOPHOLE", "Standard packing"),
    ("Meets industry standards", "LOOPHOLE", "industry standards"),
    ("Add a hang tag if possible", "LOOPHOLE", "if possible"),
    ("Tolerance to be confirmed", "LOOPHOLE", "to be confirmed"),
    ("Minor defects acceptable", "LOOPHOLE", "Minor defects acceptable"),
    ("The lid should be black, Pantone Black 6 C", "LOOPHOLE", "should be"),
    ("Accessories: charger, cable, etc.", "OPEN-ENDED", "etc."),
    ("ABS or equivalent", "OPEN-ENDED", "or equivalent"),
    ("Assorted colours", "OPEN-ENDED", "Assorted colours"),
    ("Colour: <Pantone code>", "PLACEHOLDER", "<Pantone code>"),
    ("Shipment date: {shipment_date}", "PLACEHOLDER", "{shipment_date}"),
    ("Yoga mat, non-slip surface", "CLAIM", "non-slip"),
    ("Print with our logo on the front", "UNNAMED-REF", "our logo"),
    ("Foam must have no smell", "CLAIM", "no smell"),
    ("Size normal, 183 x 61 cm ± 1 cm", "LOOPHOLE", "normal"),
    ("We need the goods before Christmas", "DATE-VAGUE", "before Christmas"),
    ("LED strip with high brightness", "UNMEASURED", "high brightness"),
    ("Pack like the last time", "UNNAMED-REF", "like the last time"),
    ("Colours must match our brand colours", "UNNAMED-REF", "brand colours"),
    ("Packaging must protect the goods during transport", "UNMEASURED", "protect the goods"),
    ("No visible defects", "SUBJECTIVE", "No visible defects"),
    ("Similar quality to IKEA", "UNNAMED-REF", "Similar quality"),
    ("As agreed on WeChat", "UNNAMED-REF", "As agreed"),
    ("Goods must pass inspection", "LOOPHOLE", "pass inspection"),
    ("Garden hose with polyester lining", "MATERIAL-GRADE", "polyester"),
]

# Clear phrasings from varied products: none may draw any finding.
CLEAR = [
    "Material: ABS plastic",
    "Colour: Pantone 1935 D",
    "Design per design_draft_a.pdf",
    "Output current 2 A; capacity 20,000 mAh",
    "RoHS (EU): yes; CE: yes",
    "Seat: high-density polyurethane, 40 kg/m³",
    "Paint: lead-free, standard: EN 71-3",
    "Fabric: 100% combed cotton, 180 g/m² ± 5%, OEKO-TEX Standard 100",
    "Body: stainless steel 304 (SUS304), 0.8 mm ± 0.05 mm",
    "Frame: aluminium 6061-T6, powder coated RAL 9005",
    "Dimensions: 10 x 5 x 2 cm ± 0.2 cm",
    "Size 10*5*2cm, tolerance ± 1 mm",
    "Weight: 217 g, accepted 215-219 g",
    "Net weight 217 g ± 2 g",
    "Shipment on or before 5 July 2026",
    "Delivery date: 2026-07-05",
    "Ship by July 5, 2026",
    "Quantity: 2,000 pcs (500 pcs per SKU)",
    "Packing: 24 pcs per 5-ply export carton, carton 40 x 30 x 25 cm, max 20 kg",
    "Each unit in a PE bag with suffocation warning",
    "Label per label_b.pdf; EAN-13 barcode 4006381333931",
    "Inspection: third-party pre-shipment inspection, AQL 2.5 major / 4.0 minor per ISO 2859-1",
    "Golden sample GS-01 sealed on 3 May 2026 is the reference",
    "Colour same as golden sample GS-01",
    "Toy safety: EN 71-1, EN 71-2, EN 71-3 and ASTM F963",
    "Waterproof to IPX7 per IEC 60529",
    "Tolerances: ISO 2768-m unless stated",
    "Wall thickness 2.0 mm ± 0.1 mm",
    "Seat height 45 cm ± 0.5 cm, seat depth 50 cm ± 0.5 cm",
    "Hinges withstand 10,000 open/close cycles per EN 15570",
    "Leather: full-grain cowhide, 1.2-1.4 mm",
    "Glass: tempered soda-lime, 4 mm",
    "Gasket: EPDM, 60 ± 5 Shore A",
    "Board: MDF E1, 18 mm",
    "Colour temperature 3000 K ± 150 K, warm white",
    "Screen resolution 1920 x 1080",
    "No black spots, no white marks on the visible surface",
    "Jar volume 50 ml ± 1 ml, PETG body, PP cap",
    "Machine washable at 40 °C, colour fastness ISO 105-C06 grade 4",
    "Gold plated 24K, 0.5 µm",
    "Cap: Pantone 186 C red",
    "Shipping marks per marks.pdf",
    "Critical defects: AQL 0, any critical defect rejects the lot",
    "Voltage 100-240 V AC, 50/60 Hz",
    "Battery 3.7 V, 5000 mAh, UN38.3 and MSDS supplied",
    "Resolution 300 dpi for all artwork in artwork_v2.ai",
    "Logo per logo_v2.ai, Pantone 286 C, 30 x 10 mm ± 1 mm, centred on the front",
    "Colour ΔE ≤ 1.5 against colour standard CS-12",
    "Two-colour silk-screen print per print_v1.ai, Pantone 186 C and Pantone 286 C",
    "Radio: CE RED (EN 300 328), FCC Part 15C",
    "Shipment may be split, the last part on or before 1 March 2027",
    "Length: 25 cm +/- 0.5 cm",
    "Thickness 2.0 mm +0.1/-0 mm",
    "Cutlery: 18/8 stainless steel, 2.5 mm",
    "Weight 2.0 kg (accepted 1.95-2.05 kg)",
    "Noise ≤ 35 dB(A) at 1 m",
    "Lead content < 90 ppm per EN 71-3",
    "Garden hose 15 m, PVC with polyester braid, burst pressure ≥ 20 bar",
    "Gift box: 350 g/m² white card, offset print per box_dl20.ai",
    "No defect visible at 50 cm under 1,000 lux within 5 s",
    "Must pass inspection: AQL 2.5 per ISO 2859-1 by SGS",
    "Similar to golden sample GS-01 in colour and finish",
    "Production starts in March, shipment on or before 30 April 2027",
]

POWER_BANK = """Power bank
Material: ABS plastic
Colour: Pantone 1935 D
Design per design_draft_a.pdf
Dimensions per design_draft_dimensions.pdf
Private label per label_b.pdf
Polymer battery
Output current 2 A
Capacity 20,000 mAh
RoHS (EU): yes
CE: yes
"""

COMPLETE_SPECS = [
    POWER_BANK,
    """Product: stainless steel water bottle, item WB-750
Design per bottle_drawing_v3.pdf; logo artwork per logo_v2.ai
Material: body stainless steel 304 (18/8), lid PP, seal silicone; other mixtures unacceptable;
a third-party material test will be done.
Colour: Pantone 2945 C body, Pantone Black 6 C lid
Capacity: 750 ml ± 10 ml
Dimensions: 7.5 x 7.5 x 26 cm ± 0.2 cm
Weight: 340 g, accepted 330-350 g
Standards: LFGB and FDA 21 CFR food contact test reports from an accredited lab
Labelling: laser-engraved logo per logo_v2.ai; EAN-13 barcode on the gift box
Packaging: gift box per box_artwork.pdf; 24 pcs per 5-ply export carton, max 18 kg
Quantity: 3,000 pcs (1,500 pcs per colour)
Inspection: third-party pre-shipment inspection per ISO 2859-1, AQL 0 critical, 2.5 major, 4.0 minor
Shipment on or before 15 August 2026
""",
    """Product: children's wooden puzzle, item PZ-12, age grade 3+
Design per puzzle_design.pdf
Material: birch plywood 4 mm, water-based paint
Colours: Pantone 186 C, Pantone 286 C, Pantone 116 C
Dimensions: 30 x 22 x 0.4 cm ± 0.1 cm
Standards: EN 71-1, EN 71-2, EN 71-3; ASTM F963 and CPSIA; reports before shipment
Labelling: CE mark, age warning and batch number per label_pz12.pdf
Packaging: shrink-wrapped, 20 pcs per carton, carton 45 x 32 x 25 cm
Quantity: 1,200 pcs
Inspection: pre-shipment inspection by a third party, AQL 1.5 major, 4.0 minor
Shipment date: 2026-09-01
""",
    """Product: t-shirt, style TS-01
Design files: techpack_ts01.pdf and size_chart_ts01.pdf
Fabric: 100% combed cotton, 180 g/m² ± 5%
Colour: Pantone 19-4052 TCX
Measurements per size_chart_ts01.pdf, tolerance ± 1 cm
Standards: OEKO-TEX Standard 100, REACH Annex XVII
Labelling: care label per care_label.pdf with ISO 3758 symbols; hang tag per hangtag.pdf
Packaging: each piece folded in a PE bag, 50 pcs per carton
Quantity: 600 pcs per size, 2,400 pcs in total
Inspection: golden sample GS-TS01, AQL 2.5 major / 4.0 minor per ISO 2859-1
Delivery: ship on or before 30 June 2026
""",
    """Product: 3-seater sofa, model SF-300
Frame: kiln-dried solid pine, joints glued and screwed; legs: solid beech, lacquered, RAL 8017.
Seat cushions: polyurethane foam 35 kg/m³ with 2 cm memory foam top layer 50 kg/m³.
Upholstery: 100% polyester velvet, 320 g/m², Martindale ≥ 40,000 cycles (EN ISO 12947-2),
colour Pantone 19-4052 TCX.
Overall size: 210 x 90 x 85 cm ± 1 cm; seat height 45 cm ± 1 cm.
Net weight 48 kg ± 2 kg.
Flammability: BS 5852 crib 5 and ignition sources 0 and 1.
Strength and durability: EN 16139 level 1, tested by SGS.
Packing: each sofa in PE film, EPE foam corners, 7-ply carton 215 x 95 x 70 cm; max 60 kg.
Shipping marks: per marks_sofa.pdf, printed on two sides.
Quantity: 120 pcs (one 40HQ container).
Inspection: pre-shipment inspection by QIMA, ISO 2859-1 level II, AQL 0 / 2.5 / 4.0,
against golden sample GS-SF300.
Shipment: on or before 2027-03-31, FOB Ningbo.
""",
    """Item: 50 ml airless pump bottle, item AB-50
Drawing: ab50_drawing_rev2.pdf; decoration artwork ab50_print.ai
Material: body PP, piston PE, pump PP with stainless steel 316 spring; other mixtures unacceptable.
Colour: body Pantone 7527 C, cap Pantone Black 6 C; ΔE ≤ 1.5 against colour standard CS-12.
Height 128 mm ± 0.5 mm, diameter 38 mm ± 0.3 mm; neck 24/410.
Weight 21.5 g ± 0.5 g.
Decoration: 2-colour silk-screen print, adhesion tape test ASTM D3359 class 4B.
Compliance: (EU) 10/2011 migration test report; REACH SVHC declaration.
Packaging: 200 pcs per PE bag, 2 bags per 5-ply carton 52 x 38 x 30 cm, max 15 kg.
Labels: carton label with item, batch and quantity per carton_label.pdf.
Quantity: 20,000 pcs.
Inspection: third-party pre-shipment inspection, AQL 0.65 critical / 1.5 major / 4.0 minor.
Shipment date: 20 February 2027.
""",
    """Product: wireless earbuds TWS-9
Design per tws9_design.pdf; packaging artwork per tws9_box.ai
Housing: PC + ABS, matte finish, colour Pantone 426 C.
Battery 40 mAh per earbud and 400 mAh case, charging via USB-C 5 V / 1 A.
Playtime 6 h ± 0.5 h at 50% volume; charge time 1.5 h max.
Certifications: CE RED (EN 300 328, EN 62368-1), FCC ID, RoHS, REACH; UN38.3 and MSDS.
Labelling: CE and WEEE marks on the case, FCC ID on the box, EAN-13 barcode.
Packing: 1 set per retail box, 50 boxes per export carton, max 12 kg.
Quantity: 5,000 sets.
Inspection: AQL 2.5 / 4.0 per ISO 2859-1, functional test of every unit.
Ship by 10 December 2026.
""",
]


@pytest.mark.parametrize(("phrase", "rule", "text"), VAGUE, ids=[v[0] for v in VAGUE])
def test_vague_phrasing_is_flagged_with_its_rule(phrase, rule, text):
    findings = lint(phrase).findings
    assert any(f.rule == rule and f.text == text for f in findings), [
        (f.rule, f.text) for f in findings
    ]


@pytest.mark.parametrize("phrase", CLEAR)
def test_clear_phrasing_draws_no_finding(phrase):
    assert [(f.rule, f.text) for f in lint(phrase).findings] == []


def test_tables_are_large_enough():
    assert len(VAGUE) >= 60 and len(CLEAR) >= 40


@pytest.mark.parametrize(
    "spec", COMPLETE_SPECS,
    ids=["power_bank", "bottle", "puzzle", "tshirt", "sofa", "airless_pump", "earbuds"],
)
def test_complete_spec_draws_no_finding(spec):
    assert [(f.rule, f.text) for f in lint(spec).findings] == []


def test_complete_specs_with_every_section_score_100():
    for spec in COMPLETE_SPECS[1:]:
        report = lint(spec)
        assert report.missing == ()
        assert report.score == 100


def test_power_bank_misses_only_what_it_does_not_state():
    assert lint(POWER_BANK).missing == ("quantity", "packaging", "inspection", "shipment_date")


def test_offsets_point_into_the_text_as_given():
    text = "Line one is fine: Pantone 186 C\r\nColour: red – and ship ASAP\n"
    for finding in lint(text).findings:
        assert text[finding.start:finding.end] == finding.text
    assert {f.text for f in lint(text).findings} == {"red", "ASAP"}


def test_findings_carry_severity_message_and_suggestion():
    finding = next(f for f in lint("Colour: red").findings)
    assert finding.severity is Severity.WARNING
    assert "red" in finding.message
    assert "Pantone 186 C" in finding.suggestion
    assert set(finding.to_dict()) == {
        "rule", "severity", "start", "end", "text", "message", "suggestion"
    }


def test_empty_spec_scores_zero_and_misses_every_section():
    report = lint("")
    assert report.score == 0
    assert report.missing == SECTION_NAMES


def test_vaguer_spec_scores_lower():
    clear = COMPLETE_SPECS[1]
    vague = clear.replace("Pantone 2945 C body", "blue body").replace(
        "15 August 2026", "August"
    )
    assert lint(vague).score < lint(clear).score


def test_a_grade_stated_on_another_line_covers_a_bare_mention():
    assert lint("Bottle in stainless steel").findings != ()
    assert lint("Bottle in stainless steel\nMaterial: stainless steel 316L").findings == ()


def test_general_tolerance_clause_waives_per_dimension_tolerance():
    assert [f.rule for f in lint("Dimensions: 10 x 5 x 2 cm").findings] == ["DIM-TOL"]
    assert lint("Dimensions: 10 x 5 x 2 cm\nTolerances: ISO 2768-m").findings == ()


def test_a_month_is_vague_only_for_shipment():
    assert lint("Production sample approved in July").findings == ()
    assert [f.rule for f in lint("Ship in July").findings] == ["DATE-VAGUE"]


def test_modal_may_is_not_a_month():
    assert lint("Shipment may be split into two containers").findings == ()


def test_deleting_a_loophole_tidies_the_sentence():
    text = "Accessories: charger, cable, etc.\nLogo, if possible, on the lid"
    for phrase, expected in (
        ("etc.", "Accessories: charger, cable\nLogo, if possible, on the lid"),
        ("if possible", "Accessories: charger, cable, etc.\nLogo, on the lid"),
    ):
        finding = next(f for f in lint(text).findings if f.text == phrase)
        assert apply_fix(text, finding) == expected


def test_should_becomes_must():
    text = "The lid should be black, Pantone Black 6 C"
    finding = next(f for f in lint(text).findings if f.rule == "LOOPHOLE")
    assert apply_fix(text, finding) == "The lid must be black, Pantone Black 6 C"


def test_a_keystroke_relints_only_the_line_it_changed():
    spec = "\n".join(f"Item {n}: colour red, {n} pcs per carton" for n in range(200))
    lint(spec)
    before = lint_line.cache_info()
    edited = spec.replace("Item 100: colour red", "Item 100: colour reds")
    report = lint(edited)
    after = lint_line.cache_info()
    assert after.misses - before.misses == 1
    assert after.hits - before.hits == 199
    assert len(report.findings) == 199  # 'reds' is not a colour word; the rest are unchanged


def test_every_template_lints_and_names_its_blanks():
    kinds = {t.kind for t in templates()}
    assert kinds == {"electronics", "textiles", "toys", "furniture", "cosmetics_packaging"}
    report = lint(template("electronics").text())
    assert {f.rule for f in report.findings} == {"PLACEHOLDER"}
    assert "standards" not in report.missing and "inspection" not in report.missing
