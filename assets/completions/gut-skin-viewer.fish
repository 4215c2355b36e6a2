# Print an optspec for argparse to handle cmd's options that are independent of any subcommand.
function __fish_gut_skin_viewer_global_optspecs
    string join \n section= screenshot= references no-references guidance no-guidance fresh h/help V/version
end

function __fish_gut_skin_viewer_needs_command
    # Figure out if the current invocation already has a command.
    set -l cmd (commandline -opc)
    set -e cmd[1]
    argparse -s (__fish_gut_skin_viewer_global_optspecs) -- $cmd 2>/dev/null
    or return
    if set -q argv[1]
        # Also print the command, so this can be used to figure out what it is.
        echo $argv[1]
        return 1
    end
    return 0
end

function __fish_gut_skin_viewer_using_subcommand
    set -l cmd (__fish_gut_skin_viewer_needs_command)
    test -z "$cmd"
    and return 1
    contains -- $cmd[1] $argv
end

complete -c gut-skin-viewer -n "__fish_gut_skin_viewer_needs_command" -l section -d 'Open at this section id' -r
complete -c gut-skin-viewer -n "__fish_gut_skin_viewer_needs_command" -l screenshot -d 'Render the window once, write it to this PNG file and exit' -r -F
complete -c gut-skin-viewer -n "__fish_gut_skin_viewer_needs_command" -l references -d 'Show the references panel'
complete -c gut-skin-viewer -n "__fish_gut_skin_viewer_needs_command" -l no-references -d 'Hide the references panel'
complete -c gut-skin-viewer -n "__fish_gut_skin_viewer_needs_command" -l guidance -d 'Show the guidance panel'
complete -c gut-skin-viewer -n "__fish_gut_skin_viewer_needs_command" -l no-guidance -d 'Hide the guidance panel'
complete -c gut-skin-viewer -n "__fish_gut_skin_viewer_needs_command" -l fresh -d 'Start with the remembered state ignored (it is still saved on exit)'
complete -c gut-skin-viewer -n "__fish_gut_skin_viewer_needs_command" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c gut-skin-viewer -n "__fish_gut_skin_viewer_needs_command" -s V -l version -d 'Print version'
complete -c gut-skin-viewer -n "__fish_gut_skin_viewer_needs_command" -a "check" -d 'Load and validate an article; print a summary and any warnings, or every problem'
complete -c gut-skin-viewer -n "__fish_gut_skin_viewer_needs_command" -a "list" -d 'Print the sections in reading order, one `ID<TAB>TITLE` line each'
complete -c gut-skin-viewer -n "__fish_gut_skin_viewer_needs_command" -a "export" -d 'Export a section, or the whole article, as text or Markdown'
complete -c gut-skin-viewer -n "__fish_gut_skin_viewer_needs_command" -a "search" -d 'Search the article; print one `SECTION_ID<TAB>snippet` line per hit. Exits 0 with hits, 1 with none, 2 on a usage error'
complete -c gut-skin-viewer -n "__fish_gut_skin_viewer_needs_command" -a "new" -d 'Write a small, valid article into DIR that shows every feature of the format, with comments; a starting point for a new article'
complete -c gut-skin-viewer -n "__fish_gut_skin_viewer_needs_command" -a "import" -d 'Turn a plain-text (.txt) or Markdown (.md) article into an article folder. Prints what it could not place; exits 0, or 1 if the result does not pass `check`'
complete -c gut-skin-viewer -n "__fish_gut_skin_viewer_needs_command" -a "notes" -d 'The reader\'s highlights and notes of an article: list them, or export them'
complete -c gut-skin-viewer -n "__fish_gut_skin_viewer_needs_command" -a "generate-docs" -d 'Write the man page and the bash, zsh and fish completions into DIR (for packaging)'
complete -c gut-skin-viewer -n "__fish_gut_skin_viewer_needs_command" -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c gut-skin-viewer -n "__fish_gut_skin_viewer_using_subcommand check" -l watch -d 'Check again every time a file of the article changes'
complete -c gut-skin-viewer -n "__fish_gut_skin_viewer_using_subcommand check" -s h -l help -d 'Print help'
complete -c gut-skin-viewer -n "__fish_gut_skin_viewer_using_subcommand list" -s h -l help -d 'Print help'
complete -c gut-skin-viewer -n "__fish_gut_skin_viewer_using_subcommand export" -l section -d 'The id of the section to export (see `list`)' -r
complete -c gut-skin-viewer -n "__fish_gut_skin_viewer_using_subcommand export" -l format -d 'Output format; by default taken from the output file\'s extension, else txt' -r -f -a "txt\t''
md\t''"
complete -c gut-skin-viewer -n "__fish_gut_skin_viewer_using_subcommand export" -l width -d 'Wrap text paragraphs at N columns; 0 does not wrap' -r
complete -c gut-skin-viewer -n "__fish_gut_skin_viewer_using_subcommand export" -s o -l output -d 'Output file, or - for standard output (the default)' -r -F
complete -c gut-skin-viewer -n "__fish_gut_skin_viewer_using_subcommand export" -l all -d 'Export the whole article'
complete -c gut-skin-viewer -n "__fish_gut_skin_viewer_using_subcommand export" -s h -l help -d 'Print help'
complete -c gut-skin-viewer -n "__fish_gut_skin_viewer_using_subcommand search" -l match-accents -d 'Accents must match: e does not find é'
complete -c gut-skin-viewer -n "__fish_gut_skin_viewer_using_subcommand search" -s h -l help -d 'Print help'
complete -c gut-skin-viewer -n "__fish_gut_skin_viewer_using_subcommand new" -l title -d 'The article\'s title' -r
complete -c gut-skin-viewer -n "__fish_gut_skin_viewer_using_subcommand new" -s h -l help -d 'Print help'
complete -c gut-skin-viewer -n "__fish_gut_skin_viewer_using_subcommand import" -s o -l output -d 'The folder to write into; made if missing. It must not hold an article already' -r -F
complete -c gut-skin-viewer -n "__fish_gut_skin_viewer_using_subcommand import" -s h -l help -d 'Print help'
complete -c gut-skin-viewer -n "__fish_gut_skin_viewer_using_subcommand notes; and not __fish_seen_subcommand_from list export help" -s h -l help -d 'Print help'
complete -c gut-skin-viewer -n "__fish_gut_skin_viewer_using_subcommand notes; and not __fish_seen_subcommand_from list export help" -f -a "list" -d 'Print one `SECTION<TAB>COLOUR<TAB>QUOTE<TAB>NOTE` line per highlight, in reading order; `orphaned` in place of the section where its text is gone from the article. Tabs and line breaks in the quote and note are written \\t and \\n'
complete -c gut-skin-viewer -n "__fish_gut_skin_viewer_using_subcommand notes; and not __fish_seen_subcommand_from list export help" -f -a "export" -d 'Export the highlights and notes as Markdown, or as JSON in the W3C Web Annotation Data Model (which Hypothesis reads)'
complete -c gut-skin-viewer -n "__fish_gut_skin_viewer_using_subcommand notes; and not __fish_seen_subcommand_from list export help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c gut-skin-viewer -n "__fish_gut_skin_viewer_using_subcommand notes; and __fish_seen_subcommand_from list" -s h -l help -d 'Print help'
complete -c gut-skin-viewer -n "__fish_gut_skin_viewer_using_subcommand notes; and __fish_seen_subcommand_from export" -l format -d 'Output format; by default taken from the output file\'s extension, else md' -r -f -a "md\t''
json\t''"
complete -c gut-skin-viewer -n "__fish_gut_skin_viewer_using_subcommand notes; and __fish_seen_subcommand_from export" -s o -l output -d 'Output file, or - for standard output (the default)' -r -F
complete -c gut-skin-viewer -n "__fish_gut_skin_viewer_using_subcommand notes; and __fish_seen_subcommand_from export" -s h -l help -d 'Print help'
complete -c gut-skin-viewer -n "__fish_gut_skin_viewer_using_subcommand notes; and __fish_seen_subcommand_from help" -f -a "list" -d 'Print one `SECTION<TAB>COLOUR<TAB>QUOTE<TAB>NOTE` line per highlight, in reading order; `orphaned` in place of the section where its text is gone from the article. Tabs and line breaks in the quote and note are written \\t and \\n'
complete -c gut-skin-viewer -n "__fish_gut_skin_viewer_using_subcommand notes; and __fish_seen_subcommand_from help" -f -a "export" -d 'Export the highlights and notes as Markdown, or as JSON in the W3C Web Annotation Data Model (which Hypothesis reads)'
complete -c gut-skin-viewer -n "__fish_gut_skin_viewer_using_subcommand notes; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c gut-skin-viewer -n "__fish_gut_skin_viewer_using_subcommand generate-docs" -s h -l help -d 'Print help'
complete -c gut-skin-viewer -n "__fish_gut_skin_viewer_using_subcommand help; and not __fish_seen_subcommand_from check list export search new import notes generate-docs help" -f -a "check" -d 'Load and validate an article; print a summary and any warnings, or every problem'
complete -c gut-skin-viewer -n "__fish_gut_skin_viewer_using_subcommand help; and not __fish_seen_subcommand_from check list export search new import notes generate-docs help" -f -a "list" -d 'Print the sections in reading order, one `ID<TAB>TITLE` line each'
complete -c gut-skin-viewer -n "__fish_gut_skin_viewer_using_subcommand help; and not __fish_seen_subcommand_from check list export search new import notes generate-docs help" -f -a "export" -d 'Export a section, or the whole article, as text or Markdown'
complete -c gut-skin-viewer -n "__fish_gut_skin_viewer_using_subcommand help; and not __fish_seen_subcommand_from check list export search new import notes generate-docs help" -f -a "search" -d 'Search the article; print one `SECTION_ID<TAB>snippet` line per hit. Exits 0 with hits, 1 with none, 2 on a usage error'
complete -c gut-skin-viewer -n "__fish_gut_skin_viewer_using_subcommand help; and not __fish_seen_subcommand_from check list export search new import notes generate-docs help" -f -a "new" -d 'Write a small, valid article into DIR that shows every feature of the format, with comments; a starting point for a new article'
complete -c gut-skin-viewer -n "__fish_gut_skin_viewer_using_subcommand help; and not __fish_seen_subcommand_from check list export search new import notes generate-docs help" -f -a "import" -d 'Turn a plain-text (.txt) or Markdown (.md) article into an article folder. Prints what it could not place; exits 0, or 1 if the result does not pass `check`'
complete -c gut-skin-viewer -n "__fish_gut_skin_viewer_using_subcommand help; and not __fish_seen_subcommand_from check list export search new import notes generate-docs help" -f -a "notes" -d 'The reader\'s highlights and notes of an article: list them, or export them'
complete -c gut-skin-viewer -n "__fish_gut_skin_viewer_using_subcommand help; and not __fish_seen_subcommand_from check list export search new import notes generate-docs help" -f -a "generate-docs" -d 'Write the man page and the bash, zsh and fish completions into DIR (for packaging)'
complete -c gut-skin-viewer -n "__fish_gut_skin_viewer_using_subcommand help; and not __fish_seen_subcommand_from check list export search new import notes generate-docs help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c gut-skin-viewer -n "__fish_gut_skin_viewer_using_subcommand help; and __fish_seen_subcommand_from notes" -f -a "list" -d 'Print one `SECTION<TAB>COLOUR<TAB>QUOTE<TAB>NOTE` line per highlight, in reading order; `orphaned` in place of the section where its text is gone from the article. Tabs and line breaks in the quote and note are written \\t and \\n'
complete -c gut-skin-viewer -n "__fish_gut_skin_viewer_using_subcommand help; and __fish_seen_subcommand_from notes" -f -a "export" -d 'Export the highlights and notes as Markdown, or as JSON in the W3C Web Annotation Data Model (which Hypothesis reads)'
