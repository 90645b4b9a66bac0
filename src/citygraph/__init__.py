"""citygraph: news about cooperation between cities, as an RDF knowledge graph."""

__version__ = "0.1.0"
