"""Moderation that needs no storage: text normalisation, word matching and policy judgement."""
