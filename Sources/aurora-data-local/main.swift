print("aurora-data-local")
