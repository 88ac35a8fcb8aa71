# Sourced by the Makefile and by the scripts that build devpath, so that a
# script run on its own builds what `make` builds.
#
# no_emoji leaves out Fyne's bundled emoji font. devpath draws no emoji of
# its own, and Fyne parses that 4.2 MB font again for each text style it
# draws: devpath on the large database kept 14 MiB more resident with it
# (182.5 against 168.2 MiB, 2.5 s after the start). Emoji a user types (in
# a note) are drawn with the system's emoji font, as other scripts are
# drawn with the system's fonts.
devpath_tags=no_emoji
case " ${GOFLAGS-} " in
*"-tags="*) ;; # tags chosen by the caller
*) export GOFLAGS="${GOFLAGS:+$GOFLAGS }-tags=$devpath_tags" ;;
esac
