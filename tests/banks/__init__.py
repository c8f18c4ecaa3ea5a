"""Round-trip tests of the question banks: each export read back by a reader made for its format."""
