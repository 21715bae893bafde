package main

func faultHelper(kind string, args []string) int { return 2 }
