"""Article -> Extraction: rule-based, explainable, language data kept apart.

The entry point is :func:`citygraph.extract.pipeline.extract`.
"""
