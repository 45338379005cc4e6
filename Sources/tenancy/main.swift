// Placeholder until the command is built.
