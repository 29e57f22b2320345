"""Benchmarks of rectify: a ledger generator and a runner (see docs/performance.md)."""
