"""Benchmarks: a realistic corpus generator and a runner timing briefing, Pelican and Hugo."""
