"""Runners that drive the stages over many inputs: in-process here; pools and Spark alongside."""
