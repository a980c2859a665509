"""naravard: Socialstyrelsen's follow-up of the transition to god och nära vård, built from data."""

__version__ = "0.1.0"
