"""plancheck: check reported actuals against the quantitative targets of government plans."""

__version__ = "0.1.0"
