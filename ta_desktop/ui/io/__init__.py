"""Import and export of orders and suppliers (issue 15): the export actions and the import
wizard (columns, preview with each row's errors, progress with Cancel)."""
