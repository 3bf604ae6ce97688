"""The law: one module per benefit; a scheme is an ordered list of benefits."""
