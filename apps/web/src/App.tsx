import { lazy, Suspense } from 'react';
import { useTranslation } from 'react-i18next';
import { createBrowserRouter, Navigate, RouterProvider } from 'react-router';
import { Role } from './api';
import { useAuth } from './auth';
import { Layout, Loading } from './components/Layout';
import { publicLinkPage } from './pages/PublicLinks';
import { SignIn } from './pages/SignIn';

// The gateway is a system account (ADR 0028): it never signs in here (GET /v1/me refuses it).
const HOME: Record<Role, string> = { referrer: '/henvis', brobygger: '/borgere', coordinator: '/overblik', gateway: '/' };

function Home() {
  const { me } = useAuth();
  return me ? <Navigate to={HOME[me.role]} replace /> : null;
}

/**
 * Each screen is its own chunk, fetched when first opened: a GP's first screen does
 * not carry the coordinator's charts (recharts goes only with the pages that draw one).
 */
const page = <K extends string>(load: () => Promise<Record<K, React.ComponentType>>, name: K) =>
  lazy(async () => ({ default: (await load())[name] }));
const Admin = page(() => import('./pages/Admin'), 'Admin');
const CaseList = lazy(async () => ({ default: (await import('./pages/CaseList')).CaseList }));
const CasePage = page(() => import('./pages/CasePage'), 'CasePage');
const ClosePage = page(() => import('./pages/ClosePage'), 'ClosePage');
const CouncilReportPage = page(() => import('./pages/CouncilReport'), 'CouncilReportPage');
const ConversationPage = page(() => import('./pages/ConversationPage'), 'ConversationPage');
const Dashboard = page(() => import('./pages/Dashboard'), 'Dashboard');
const MedcomInboxPage = page(() => import('./components/Medcom'), 'MedcomInboxPage');
const QueuePage = page(() => import('./pages/Dashboard'), 'QueuePage');
const FollowUps = lazy(async () => ({ default: (await import('./pages/FollowUps')).FollowUps }));
const MyReferrals = page(() => import('./pages/MyReferrals'), 'MyReferrals');
const PlanPage = page(() => import('./pages/PlanPage'), 'PlanPage');
const ReferralForm = page(() => import('./pages/ReferralForm'), 'ReferralForm');
const PublicReferralPage = lazy(async () => ({ default: (await import('./pages/PublicReferral')).PublicReferralPage }));
const StatisticsPage = page(() => import('./pages/Statistics'), 'StatisticsPage');
const WeekPage = page(() => import('./pages/Appointments'), 'WeekPage');
const CitizenCopyPage = page(() => import('./pages/Appointments'), 'CitizenCopyPage');

/**
 * Routes under the signed-in layout; which screens a role gets is a menu choice, what it may see is the server's.
 * `handle.title` names the page in the browser tab (`titles.*` · Bro): never a citizen's name (tab titles end up in history).
 */
const router = createBrowserRouter([
  {
    path: '/',
    element: <Layout />,
    children: [
      { index: true, element: <Home /> },
      { path: 'henvis', element: <ReferralForm />, handle: { title: 'titles.refer' } },
      { path: 'henvisninger', element: <MyReferrals />, handle: { title: 'titles.myReferrals' } },
      { path: 'borgere', element: <CaseList mine />, handle: { title: 'titles.caseload' } },
      { path: 'sager', element: <CaseList mine={false} />, handle: { title: 'titles.cases' } },
      { path: 'opfoelgninger', element: <FollowUps />, handle: { title: 'titles.followUps' } },
      { path: 'mine-opfoelgninger', element: <FollowUps mine />, handle: { title: 'titles.myFollowUps' } },
      { path: 'sager/:id', element: <CasePage />, handle: { title: 'titles.case' } },
      { path: 'sager/:id/samtale', element: <ConversationPage />, handle: { title: 'titles.conversation' } },
      { path: 'sager/:id/plan', element: <PlanPage />, handle: { title: 'titles.plan' } },
      { path: 'sager/:id/afslut', element: <ClosePage />, handle: { title: 'titles.close' } },
      { path: 'sager/:id/min-plan', element: <CitizenCopyPage />, handle: { title: 'titles.citizenCopy' } },
      { path: 'aftaler', element: <WeekPage />, handle: { title: 'titles.appointments' } },
      { path: 'overblik', element: <Dashboard />, handle: { title: 'titles.dashboard' } },
      { path: 'koer/:name', element: <QueuePage />, handle: { title: 'titles.queue' } },
      { path: 'medcom-indbakke', element: <MedcomInboxPage />, handle: { title: 'titles.medcomInbox' } },
      { path: 'administration', element: <Admin />, handle: { title: 'titles.admin' } },
      { path: 'statistik', element: <StatisticsPage />, handle: { title: 'titles.statistics' } },
      { path: 'rapport', element: <CouncilReportPage />, handle: { title: 'titles.report' } },
      { path: '*', element: <Home /> },
    ],
  },
]);

/** The open door (ADR 0030): reachable without a login. */
const PUBLIC_PAGES: Record<string, boolean> = { '/henvis-en-borger': false, '/henvis-dig-selv': true };

export function App() {
  const { token, me, loading } = useAuth();
  const { t } = useTranslation();
  // The links mailed to hosts and følgevenner open without login.
  const linkPage = publicLinkPage(window.location.pathname);
  if (linkPage) return linkPage;
  const publicPage = PUBLIC_PAGES[window.location.pathname.replace(/\/$/, '')];
  if (publicPage !== undefined) {
    document.title = `${t(publicPage ? 'titles.publicSelf' : 'titles.publicReferral')} · ${t('app.name')}`;
    return (
      <Suspense fallback={<Loading />}>
        <PublicReferralPage self={publicPage} />
      </Suspense>
    );
  }
  if (!token) {
    document.title = `${t('signIn.title')} · ${t('app.name')}`;
    return <SignIn />;
  }
  if (loading || !me) return <Loading />;
  return <RouterProvider router={router} />;
}
