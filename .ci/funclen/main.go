// Command funclen lists the non-test functions whose bodies are longer than
// a limit (default 120 lines), counted with go/ast from the opening to the
// closing brace. Exit 1 if any. Run from the repository root:
//
//	go run ./.ci/funclen [-max N] [DIR...]
package main

import (
	"flag"
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
)

type long struct {
	where string
	name  string
	lines int
}

func main() {
	max := flag.Int("max", 120, "the longest body allowed, in lines")
	flag.Parse()
	dirs := flag.Args()
	if len(dirs) == 0 {
		dirs = []string{"."}
	}
	var found []long
	fset := token.NewFileSet()
	for _, dir := range dirs {
		err := filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
			if err != nil {
				return err
			}
			if d.IsDir() && path != dir && (strings.HasPrefix(d.Name(), ".") || d.Name() == "testdata") {
				return filepath.SkipDir
			}
			if d.IsDir() || !strings.HasSuffix(path, ".go") || strings.HasSuffix(path, "_test.go") {
				return nil
			}
			f, err := parser.ParseFile(fset, path, nil, parser.SkipObjectResolution)
			if err != nil {
				return err
			}
			found = append(found, longFuncs(fset, f, *max)...)
			return nil
		})
		if err != nil {
			fmt.Fprintln(os.Stderr, "funclen:", err)
			os.Exit(2)
		}
	}
	sort.Slice(found, func(i, j int) bool { return found[i].lines > found[j].lines })
	for _, l := range found {
		fmt.Printf("%4d %s %s\n", l.lines, l.where, l.name)
	}
	if len(found) > 0 {
		fmt.Printf("funclen: %d functions over %d lines\n", len(found), *max)
		os.Exit(1)
	}
}

func longFuncs(fset *token.FileSet, f *ast.File, max int) []long {
	var out []long
	ast.Inspect(f, func(n ast.Node) bool {
		var body *ast.BlockStmt
		name := ""
		switch fn := n.(type) {
		case *ast.FuncDecl:
			body, name = fn.Body, fn.Name.Name
			if fn.Recv != nil && len(fn.Recv.List) > 0 {
				name = "(" + types(fn.Recv.List[0].Type) + ")." + name
			}
		case *ast.FuncLit:
			body, name = fn.Body, "func literal"
		}
		if body == nil {
			return true
		}
		lines := fset.Position(body.Rbrace).Line - fset.Position(body.Lbrace).Line - 1
		if lines > max {
			out = append(out, long{fset.Position(body.Lbrace).String(), name, lines})
		}
		return true
	})
	return out
}

func types(e ast.Expr) string {
	switch t := e.(type) {
	case *ast.StarExpr:
		return "*" + types(t.X)
	case *ast.Ident:
		return t.Name
	case *ast.IndexExpr:
		return types(t.X)
	}
	return "?"
}
