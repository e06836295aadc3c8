"""The command line: click commands that only turn options into settings and call the pipeline
(load, evaluate, render, exit code). Nothing here judges a target. The group is in ``main``."""
