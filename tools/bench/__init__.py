"""openk4a's benchmark tools: tools/bench_all and tools/bench_compare (see bench/README.md)."""
