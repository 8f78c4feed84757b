"""The contract summary: ``gather`` collects it from the workspace, ``render`` draws it as a PDF.

What it says is ``core.domain.contract_summary``.
"""
