"""Ports: the interfaces the core needs from the outside, named by role."""
