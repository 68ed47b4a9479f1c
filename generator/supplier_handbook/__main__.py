from supplier_handbook.commands.cli import main

main(prog_name="handbook")
