"""Loading: plan files (YAML), actuals files (CSV, and more) and the configuration, checked, into
the domain model. The only stage that reads input files."""
