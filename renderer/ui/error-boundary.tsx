import { Component, type ErrorInfo, type ReactNode } from 'react';
import { Alert } from './alert';
import { Button } from './button';

/**
 * Catches what a screen throws while drawing, so one bad value never blanks the window: the screen is replaced by
 * a message in words and a way to try again; everything saved on this workstation (drafts, the outbox) is untouched.
 * `resetKey` changing (another screen, another envelope) clears it.
 */
export class ErrorBoundary extends Component<{ children: ReactNode; resetKey?: string; where: string }, { failed: Error | null; key: string | undefined }> {
  override state: { failed: Error | null; key: string | undefined } = { failed: null, key: this.props.resetKey };

  static getDerivedStateFromError(failed: Error): { failed: Error } {
    return { failed };
  }

  static getDerivedStateFromProps(props: { resetKey?: string }, state: { failed: Error | null; key: string | undefined }) {
    return props.resetKey === state.key ? null : { failed: null, key: props.resetKey };
  }

  override componentDidCatch(error: Error, info: ErrorInfo): void {
    console.error(`The ${this.props.where} failed to draw`, error, info.componentStack);
  }

  override render(): ReactNode {
    if (!this.state.failed) return this.props.children;
    return (
      <Alert tone="error" testId="screen-error" title={`The ${this.props.where} could not be shown.`}
        actions={<Button variant="primary" onClick={() => this.setState({ failed: null })}>Try again</Button>}>
        Something in it could not be displayed. Nothing you saved on this workstation is lost: drafts and the outbox are
        kept. If this happens again, tell court IT what you were doing.
      </Alert>
    );
  }
}
