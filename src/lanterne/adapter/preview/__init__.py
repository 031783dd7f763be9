"""The live preview (`lanterne serve`): one rebuild per edit, only what the edit changed."""
