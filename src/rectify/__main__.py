"""`python -m rectify` and the `rectify` console script."""

from rectify.cli import main

if __name__ == "__main__":
    main()
