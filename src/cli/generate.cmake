# Writes the man page and the shell completions from the built binary (run by the build):
#   cmake -DBIN=path/to/llm-tco -DOUT=dir -P generate.cmake
file(MAKE_DIRECTORY "${OUT}")
# The shipped completions name the built-in catalog's models, not those of the builder's user catalog.
set(ENV{LLMTCO_NO_USER_CATALOG} 1)
execute_process(COMMAND "${BIN}" manpage OUTPUT_FILE "${OUT}/llm-tco.1" RESULT_VARIABLE rc1)
execute_process(COMMAND "${BIN}" completion bash OUTPUT_FILE "${OUT}/llm-tco.bash" RESULT_VARIABLE rc2)
execute_process(COMMAND "${BIN}" completion zsh OUTPUT_FILE "${OUT}/_llm-tco" RESULT_VARIABLE rc3)
execute_process(COMMAND "${BIN}" completion fish OUTPUT_FILE "${OUT}/llm-tco.fish" RESULT_VARIABLE rc4)
if(NOT rc1 EQUAL 0 OR NOT rc2 EQUAL 0 OR NOT rc3 EQUAL 0 OR NOT rc4 EQUAL 0)
  message(FATAL_ERROR "generating the man page and completions failed (${rc1} ${rc2} ${rc3} ${rc4})")
endif()
