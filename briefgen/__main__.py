from briefgen.cli import main

main()
