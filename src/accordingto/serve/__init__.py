"""Stage 6, serve: read-only views of what the engine knows (terminal, report, HTTP)."""
