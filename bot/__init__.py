"""briefbot's shared core: briefs, discussions and sync, with no platform SDK inside."""
