"""The buyer's money on screen: payment schedule and landed cost tabs, home currency."""
