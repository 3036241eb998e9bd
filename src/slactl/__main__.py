from slactl.cli import main

main()
