"""Helpers shared by the tests of every layer; test modules never import each other."""
