"""Contracts: the customers of a provider (plan, go-live, contract year, authorised contacts,
monthly fee) and the service credits they are owed. A customers file is read, checked and
built like a policy file (``contracts.load``)."""
