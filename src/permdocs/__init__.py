"""permdocs"""
