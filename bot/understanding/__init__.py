"""Understanding Norwegian questions (bokmål and nynorsk), offline and channel-free."""
