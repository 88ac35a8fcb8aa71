package gitscan

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
)

// ErrNoGit is returned by Scan when the git program cannot be found: the
// scan reads histories through it.
var ErrNoGit = errors.New("the evidence scan needs the git program, which is not installed (no git in PATH)")

// safeConfig are the settings given to every git command with -c, over
// whatever a repository's configuration says, so that nothing in a
// repository the user only asked to read makes the scan run a program,
// reach the network, write a file or change what git prints.
var safeConfig = []string{
	// Programs a repository's configuration could name.
	"core.fsmonitor=false",
	"core.hooksPath=/dev/null",
	"core.pager=cat",
	"core.sshCommand=",
	"core.askPass=",
	"core.alternateRefsCommand=",
	"credential.helper=",
	"diff.external=",
	"gpg.program=",
	"gpg.ssh.program=",
	"gpg.x509.program=",
	"log.showSignature=false",
	// No transport at all: a lazy fetch of a partial clone's missing
	// objects fails instead of reaching the promisor remote (git before
	// 2.44 knows no GIT_NO_LAZY_FETCH). Passed on to any git git starts.
	"protocol.allow=never",
	// What git log prints, whatever the repository prefers.
	"log.showRoot=true",
	"log.mailmap=false",
	"log.decorate=false",
	"diff.relative=false",
	"diff.renames=false",
	"core.quotePath=false",
	"i18n.logOutputEncoding=UTF-8",
	"color.ui=false",
	// Nothing is written: no maintenance, no commit-graph, no gc.
	"gc.auto=0",
	"maintenance.auto=false",
	"fetch.writeCommitGraph=false",
}

// dropEnv are variables of the user's environment that would point git at
// another repository or object store than the one found, or at a program.
var dropEnv = map[string]bool{
	"GIT_DIR": true, "GIT_WORK_TREE": true, "GIT_COMMON_DIR": true, "GIT_INDEX_FILE": true,
	"GIT_OBJECT_DIRECTORY": true, "GIT_ALTERNATE_OBJECT_DIRECTORIES": true, "GIT_NAMESPACE": true,
	"GIT_CEILING_DIRECTORIES": true, "GIT_DISCOVERY_ACROSS_FILESYSTEM": true,
	"GIT_SHALLOW_FILE": true, "GIT_GRAFT_FILE": true,
	"GIT_EXTERNAL_DIFF": true, "GIT_PAGER": true, "PAGER": true, "GIT_EDITOR": true,
	"GIT_SSH": true, "GIT_SSH_COMMAND": true, "GIT_ASKPASS": true, "SSH_ASKPASS": true,
	"GIT_PROXY_COMMAND": true, "GIT_TERMINAL_PROMPT": true, "GIT_NO_LAZY_FETCH": true,
	"GIT_OPTIONAL_LOCKS": true, "GIT_PROTOCOL_FROM_USER": true, "GIT_ALLOW_PROTOCOL": true,
}

// gitProg finds the git program in PATH (looked up for each command, so
// that a git installed while the program runs is found).
func gitProg() (string, error) {
	p, err := exec.LookPath("git")
	if err != nil {
		return "", ErrNoGit
	}
	return p, nil
}

// gitEnv is the environment of every git command: the user's (git's own
// configuration files and safety rules stay as they are), less dropEnv,
// plus what keeps git from the network, from prompting and from writing.
func gitEnv() []string {
	var env []string
	for _, kv := range os.Environ() {
		k, _, _ := strings.Cut(kv, "=")
		if !dropEnv[k] {
			env = append(env, kv)
		}
	}
	return append(env,
		"GIT_NO_LAZY_FETCH=1", "GIT_TERMINAL_PROMPT=0", "GIT_OPTIONAL_LOCKS=0",
		"GIT_PAGER=cat", "PAGER=cat", "GIT_PROTOCOL_FROM_USER=0", "LC_ALL=C")
}

// gitCmd is a git command run in one repository.
type gitCmd struct {
	cmd    *exec.Cmd
	stderr *limitedBuffer
}

// newGit prepares git ARGS in the repository at root (a work tree, or the
// folder of a bare repository). git finds the repository there as it
// would for the user, so its ownership check (safe.directory) applies, and
// never looks above root. A cancelled ctx kills the process.
func newGit(ctx context.Context, root string, args ...string) (*gitCmd, error) {
	prog, err := gitProg()
	if err != nil {
		return nil, err
	}
	// Replacement objects (git replace) are honoured, as git log does.
	full := []string{"--no-pager", "--no-optional-locks"}
	for _, c := range safeConfig {
		full = append(full, "-c", c)
	}
	full = append(full, args...)
	cmd := exec.CommandContext(ctx, prog, full...)
	cmd.Dir = root
	cmd.Env = append(gitEnv(), "GIT_CEILING_DIRECTORIES="+filepath.Dir(root))
	g := &gitCmd{cmd: cmd, stderr: &limitedBuffer{max: 4 << 10}}
	cmd.Stderr = g.stderr
	return g, nil
}

// output runs the command and returns its standard output (for the small
// outputs of the commands other than log).
func (g *gitCmd) output() ([]byte, error) {
	var out bytes.Buffer
	g.cmd.Stdout = &out
	if err := g.cmd.Run(); err != nil {
		return nil, g.fail(err)
	}
	return out.Bytes(), nil
}

// stream runs the command with stdin (nil: none) and hands its standard
// output to read as it comes, so that a long history is never held in
// memory. When read fails, git is stopped and read's error returned.
func (g *gitCmd) stream(stdin io.Reader, read func(*bufio.Reader) error) error {
	g.cmd.Stdin = stdin
	out, err := g.cmd.StdoutPipe()
	if err != nil {
		return err
	}
	if err := g.cmd.Start(); err != nil {
		return g.fail(err)
	}
	rerr := read(bufio.NewReaderSize(out, 256<<10))
	if rerr != nil {
		_ = g.cmd.Process.Kill()
	}
	// What git still writes is read and dropped, so that it can exit.
	_, _ = io.Copy(io.Discard, out)
	werr := g.cmd.Wait()
	if rerr != nil {
		return rerr
	}
	if werr != nil {
		return g.fail(werr)
	}
	return nil
}

// gitError is a git command that failed: its exit status and what it
// printed on standard error.
type gitError struct {
	code int // exit status, -1 when it did not exit normally
	msg  string
}

func (e *gitError) Error() string { return e.msg }

// fail turns err from running the command into a gitError.
func (g *gitCmd) fail(err error) error {
	var ee *exec.ExitError
	if !errors.As(err, &ee) {
		if errors.Is(err, exec.ErrNotFound) {
			return ErrNoGit
		}
		return err
	}
	msg := oneLineMessage(g.stderr.String())
	if msg == "" {
		msg = fmt.Sprintf("git %s exited with %v", g.cmd.Args[len(g.cmd.Args)-1], ee)
	}
	return &gitError{code: ee.ExitCode(), msg: msg}
}

// oneLineMessage makes git's error output one line: its lines joined with
// "; ", without the "fatal: " and "error: " prefixes, hints left out.
func oneLineMessage(s string) string {
	var parts []string
	for _, l := range strings.Split(s, "\n") {
		l = strings.TrimSpace(l)
		for _, p := range []string{"fatal: ", "error: ", "warning: "} {
			l = strings.TrimPrefix(l, p)
		}
		if l == "" || strings.HasPrefix(l, "hint: ") || len(parts) > 0 && parts[len(parts)-1] == l {
			continue
		}
		parts = append(parts, l)
	}
	// "To add an exception for this directory, call:" and the command
	// that follows read as one sentence.
	s = strings.Join(parts, "; ")
	s = strings.ReplaceAll(s, ":; ", ": ")
	return strings.ToValidUTF8(s, "\uFFFD")
}

// limitedBuffer keeps the first max bytes written to it.
type limitedBuffer struct {
	max int
	buf bytes.Buffer
}

func (b *limitedBuffer) Write(p []byte) (int, error) {
	if room := b.max - b.buf.Len(); room > 0 {
		b.buf.Write(p[:min(room, len(p))])
	}
	return len(p), nil
}

func (b *limitedBuffer) String() string { return b.buf.String() }

var _ io.Writer = (*limitedBuffer)(nil)
