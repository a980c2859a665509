"""tables stage: table specs built from results and the catalogue."""
