"""The machinery under the law: the rule pack, traced reads, money, dates, bilingual text."""
