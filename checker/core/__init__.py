"""The run's core: model, rule contract, registry, engine, config, suppressions, baseline."""
