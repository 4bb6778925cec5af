print("aurora-data")
