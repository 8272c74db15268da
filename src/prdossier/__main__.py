from prdossier.cli import main

main()
