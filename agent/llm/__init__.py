"""Chat models: the provider registry, the llama.cpp and hybrid backends, the fake model, prompts, audit."""
