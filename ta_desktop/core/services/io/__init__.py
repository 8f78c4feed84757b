"""Orders and suppliers in and out of CSV and XLSX files (issue 15): ``readers`` and
``writers`` for the two formats, ``export`` and ``importer`` for the use cases."""
