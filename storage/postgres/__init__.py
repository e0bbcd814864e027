"""The PostgreSQL engine: an asyncpg pool, row locks for outbox claims."""

from storage.postgres.store import PostgresStore

__all__ = ["PostgresStore"]
