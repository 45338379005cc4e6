print("tenancy")
