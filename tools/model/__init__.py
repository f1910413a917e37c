"""train_model: baseline models with scikit-learn, their data, fitting and model card."""
