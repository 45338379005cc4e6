import Tenancy
