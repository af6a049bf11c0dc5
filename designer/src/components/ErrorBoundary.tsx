/** Keeps one broken panel (e.g. a half-typed schema in the form preview) from blanking the page. */
import { Component, type ReactNode } from 'react';
import { i18next } from '../i18n';

interface Props { children: ReactNode; resetKey?: unknown }
interface State { error: Error | null; key: unknown }

export class ErrorBoundary extends Component<Props, State> {
  override state: State = { error: null, key: undefined };

  static getDerivedStateFromError(error: Error): Partial<State> {
    return { error };
  }

  static getDerivedStateFromProps(props: Props, state: State): Partial<State> | null {
    // A new input (the author typed) gets a fresh try.
    return props.resetKey !== state.key ? { error: null, key: props.resetKey } : null;
  }

  override render() {
    if (this.state.error) {
      return <p role="alert" className="notice warn">{i18next.t('common:errorBoundary', { message: this.state.error.message })}</p>;
    }
    return this.props.children;
  }
}
