"""plancheck: check reported actuals against the quantitative targets of government plans."""

__version__ = "0.2.0"
